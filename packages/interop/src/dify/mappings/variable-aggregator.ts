import { type DifyMapping, isRecord, records, text } from '../dify-mapping.ts';

/**
 * The aggregator outputs the first branch variable that has a value; only one
 * branch normally ran. `variable-assigner` is this node's name in DSL 0.1.x.
 */
function firstOf(selectors: unknown, read: (s: unknown) => string): string {
  const list = Array.isArray(selectors) ? selectors : [];
  const candidates = list.map((selector) => {
    const expression = read(selector);
    const node = expression.match(/^\$\("[^"]*"\)/)?.[0];
    return node ? `(${node}.isExecuted ? ${expression} : undefined)` : expression;
  });
  return candidates.length === 0 ? 'undefined' : candidates.join(' ?? ');
}

const mapping: DifyMapping = {
  difyTypes: ['variable-aggregator', 'variable-assigner'],
  translate: (node, ctx) => {
    const advanced = isRecord(node.data.advanced_settings) ? node.data.advanced_settings : {};
    const groups = advanced.group_enabled === true ? records(advanced.groups) : [];
    const assignments =
      groups.length > 0
        ? groups.map((group, index) => ({
            id: `${node.id}-${index}`,
            name: `${text(group.group_name, `Group${index + 1}`)}.output`,
            value: `={{ ${firstOf(group.variables, ctx.read)} }}`,
            type: text(group.output_type) === 'string' ? 'string' : 'object',
          }))
        : [
            {
              id: `${node.id}-output`,
              name: 'output',
              value: `={{ ${firstOf(node.data.variables, ctx.read)} }}`,
              type: 'string',
            },
          ];
    for (const a of assignments) if (a.type === 'object') a.type = 'string';
    return {
      type: 'guixu.set',
      parameters: {
        mode: 'manual',
        assignments: { assignments },
        includeOtherFields: false,
        options: { dotNotation: true },
      },
    };
  },
};
export default mapping;
