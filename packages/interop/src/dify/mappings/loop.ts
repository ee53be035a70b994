import { type DifyMapping, records, text } from '../dify-mapping.ts';

/**
 * A Dify loop repeats its body up to `loop_count` times: Loop Over Items over that
 * many items carrying the loop variables' initial values. The importer adds the
 * break check in front of the body and carries the variables from round to round.
 */
const mapping: DifyMapping = {
  difyTypes: ['loop'],
  translate: (node, ctx) => {
    const count = Number(node.data.loop_count ?? 10);
    const variables = records(node.data.loop_variables).map((v) => {
      const value = v.value_type === 'variable' ? ctx.read(v.value) : JSON.stringify(v.value ?? null);
      const cast = text(v.var_type) === 'number' ? `Number(${value})` : value;
      return `${JSON.stringify(text(v.label))}: ${cast}`;
    });
    return {
      container: {
        itemsCode: [
          `// Rounds of the Dify loop "${node.title}" with its loop variables.`,
          `return Array.from({ length: ${Number.isFinite(count) ? count : 10} }, (_, index) => ({ json: { index, ${variables.join(', ')} } }));`,
        ].join('\n'),
      },
    };
  },
};
export default mapping;
