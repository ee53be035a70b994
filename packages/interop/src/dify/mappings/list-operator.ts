import { type DifyMapping, isRecord, records, text } from '../dify-mapping.ts';

/** The list operator (filter, sort, limit, pick) becomes a small Code node with the same outputs. */
const TESTS: Record<string, (v: string, arg: string) => string> = {
  contains: (v, a) => `String(${v}).includes(${a})`,
  'not contains': (v, a) => `!String(${v}).includes(${a})`,
  'start with': (v, a) => `String(${v}).startsWith(${a})`,
  'end with': (v, a) => `String(${v}).endsWith(${a})`,
  is: (v, a) => `${v} == ${a}`,
  'is not': (v, a) => `${v} != ${a}`,
  in: (v, a) => `[].concat(${a}).includes(${v})`,
  'not in': (v, a) => `![].concat(${a}).includes(${v})`,
  empty: (v) => `(${v} ?? '') === ''`,
  'not empty': (v) => `(${v} ?? '') !== ''`,
  '=': (v, a) => `Number(${v}) === Number(${a})`,
  '≠': (v, a) => `Number(${v}) !== Number(${a})`,
  '>': (v, a) => `Number(${v}) > Number(${a})`,
  '<': (v, a) => `Number(${v}) < Number(${a})`,
  '≥': (v, a) => `Number(${v}) >= Number(${a})`,
  '≤': (v, a) => `Number(${v}) <= Number(${a})`,
};

const mapping: DifyMapping = {
  difyTypes: ['list-operator'],
  translate: (node, ctx) => {
    const d = node.data;
    const lines = [
      `// Converted from the Dify list operator "${node.title}".`,
      `let result = [].concat(${ctx.read(d.variable)} ?? []);`,
    ];
    const filter = isRecord(d.filter_by) ? d.filter_by : {};
    if (filter.enabled === true) {
      for (const condition of records(filter.conditions)) {
        const test = TESTS[text(condition.comparison_operator)];
        if (!test)
          return {
            unsupported: `the list filter "${text(condition.comparison_operator)}" has no equivalent yet`,
          };
        const key = text(condition.key);
        const value = key ? `(x ?? {})[${JSON.stringify(key)}]` : 'x';
        lines.push(`result = result.filter((x) => ${test(value, JSON.stringify(condition.value ?? null))});`);
      }
    }
    const extract = isRecord(d.extract_by) ? d.extract_by : {};
    if (extract.enabled === true) {
      lines.push(
        `result = [result[Number(${JSON.stringify(text(extract.serial, '1'))}) - 1]].filter((x) => x !== undefined);`,
      );
    }
    const order = isRecord(d.order_by) ? d.order_by : {};
    if (order.enabled === true) {
      const key = text(order.key);
      const pick = key ? `(x ?? {})[${JSON.stringify(key)}]` : 'x';
      const sign = order.value === 'desc' ? -1 : 1;
      lines.push(
        `result = [...result].sort((a, b) => { const x1 = ((x) => ${pick})(a); const x2 = ((x) => ${pick})(b); return x1 < x2 ? ${-sign} : x1 > x2 ? ${sign} : 0; });`,
      );
    }
    const limit = isRecord(d.limit) ? d.limit : {};
    if (limit.enabled === true) lines.push(`result = result.slice(0, ${Number(limit.size ?? 10)});`);
    lines.push(
      'return [{ json: { result, first_record: result[0] ?? null, last_record: result[result.length - 1] ?? null } }];',
    );
    return {
      type: 'guixu.code',
      parameters: { mode: 'runOnceForAllItems', language: 'javaScript', jsCode: lines.join('\n') },
    };
  },
};
export default mapping;
