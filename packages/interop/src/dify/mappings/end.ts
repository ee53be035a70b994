import { type DifyMapping, records, text } from '../dify-mapping.ts';

const TYPES: Record<string, string> = {
  string: 'string',
  number: 'number',
  boolean: 'boolean',
  object: 'object',
};

/**
 * The end node's outputs become an Edit Fields node that keeps only those fields. Dify
 * does not enforce an output's `value_type` (an `object` output may carry an array or
 * null), so conversion errors keep the value as it is instead of failing the run.
 */
const mapping: DifyMapping = {
  difyTypes: ['end'],
  translate: (node, ctx) => {
    const assignments = records(node.data.outputs).map((output, index) => {
      const kind = text(output.value_type ?? output.type);
      const type = kind.startsWith('array') ? 'array' : (TYPES[kind] ?? 'string');
      return {
        id: `${node.id}-${index}`,
        name: text(output.variable, `output${index}`),
        value: `={{ ${ctx.read(output.value_selector)} }}`,
        type,
      };
    });
    return {
      type: 'guixu.set',
      parameters: {
        mode: 'manual',
        assignments: { assignments },
        includeOtherFields: false,
        options: { ignoreConversionErrors: true },
      },
    };
  },
};
export default mapping;
