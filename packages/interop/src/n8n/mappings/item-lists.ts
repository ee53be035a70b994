import type { N8nMapping, Translation } from '../mapping.ts';

/**
 * Item Lists bundled what are now separate nodes; each operation maps to the node
 * that took it over (the parameter names were kept by n8n when it split them out).
 */
const TARGETS: Record<string, string> = {
  splitOutItems: 'guixu.splitOut',
  aggregateItems: 'guixu.aggregate',
  concatenateItems: 'guixu.aggregate',
  removeDuplicates: 'guixu.removeDuplicates',
  sort: 'guixu.sort',
  limit: 'guixu.limit',
  summarize: 'guixu.summarize',
};

const mapping: N8nMapping = {
  n8nTypes: ['n8n-nodes-base.itemLists'],
  guixuType: 'guixu.splitOut',
  translate: (node): Translation => {
    const { operation = 'splitOutItems', ...parameters } = node.parameters;
    const type = typeof operation === 'string' ? TARGETS[operation] : undefined;
    if (!type)
      return {
        parameters: node.parameters,
        unsupported: `Item Lists operation "${String(operation)}" is unknown`,
      };
    if (type === 'guixu.limit') parameters.maxItems ??= 1;
    return { type, parameters };
  },
};
export default mapping;
