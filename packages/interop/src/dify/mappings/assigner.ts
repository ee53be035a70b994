import { type DifyMapping, records, text } from '../dify-mapping.ts';

/**
 * The variable assigner writes conversation (or loop) variables. GuixuFlow has no
 * conversation memory node yet, so the new values are computed into an Edit Fields
 * node (named after the variables) and the report says they are not persisted.
 */
const OPERATIONS: Record<string, (current: string, value: string) => string> = {
  'over-write': (_, value) => value,
  set: (_, value) => value,
  clear: () => 'null',
  '+=': (current, value) => `Number(${current}) + Number(${value})`,
  '-=': (current, value) => `Number(${current}) - Number(${value})`,
  '*=': (current, value) => `Number(${current}) * Number(${value})`,
  '/=': (current, value) => `Number(${current}) / Number(${value})`,
  append: (current, value) => `[...(${current} ?? []), ${value}]`,
  extend: (current, value) => `[...(${current} ?? []), ...(${value} ?? [])]`,
};

const mapping: DifyMapping = {
  difyTypes: ['assigner'],
  translate: (node, ctx) => {
    const items =
      node.data.version === '2' || Array.isArray(node.data.items)
        ? records(node.data.items)
        : [
            {
              variable_selector: node.data.assigned_variable_selector,
              operation: node.data.write_mode,
              input_type: 'variable',
              value: node.data.input_variable_selector,
            },
          ];
    const assignments = [];
    for (const [index, item] of items.entries()) {
      const operation = OPERATIONS[text(item.operation, 'over-write')];
      if (!operation)
        return { unsupported: `the assigner operation "${text(item.operation)}" has no equivalent yet` };
      const target = Array.isArray(item.variable_selector) ? item.variable_selector : [];
      const value =
        item.input_type === 'constant' ? JSON.stringify(item.value ?? null) : ctx.read(item.value);
      assignments.push({
        id: `${node.id}-${index}`,
        name: text(target[target.length - 1], `variable${index}`),
        value: `={{ ${operation(ctx.read(target), value)} }}`,
        type: 'string',
      });
    }
    ctx.warn(
      'Assigned variables are not persisted across runs or conversation turns yet; later nodes read them from this node.',
    );
    for (const a of assignments)
      a.type = /^=\{\{ (Number|\[)/.test(a.value)
        ? a.value.startsWith('={{ [')
          ? 'array'
          : 'number'
        : 'string';
    return {
      type: 'guixu.set',
      parameters: {
        mode: 'manual',
        assignments: { assignments },
        includeOtherFields: false,
        options: { dotNotation: false },
      },
    };
  },
};
export default mapping;
