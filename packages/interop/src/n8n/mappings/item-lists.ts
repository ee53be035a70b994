import { isRecord, list, type N8nMapping, type Translation } from '../mapping.ts';

/**
 * Item Lists (v1–v3) bundled what are now separate nodes; each operation maps to
 * the node that took it over. n8n kept the parameter names when it split them out,
 * but v1 and v2 held field lists as `{ fields: [{ fieldName }] }`, which the split
 * nodes (and v3) write as comma-separated text.
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

/** Parameters that are field lists: a v1/v2 fixed collection becomes "a, b". */
const FIELD_LISTS = ['fieldsToInclude', 'fieldsToExclude', 'fieldsToCompare', 'fieldsToSplitBy'];

function fieldList(value: unknown): unknown {
  if (!isRecord(value)) return value;
  const names = list(value.fields)
    .map((entry) => (isRecord(entry) ? entry.fieldName : undefined))
    .filter((name): name is string => typeof name === 'string' && name !== '');
  return names.join(', ');
}

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
    for (const key of FIELD_LISTS) {
      if (key in parameters) parameters[key] = fieldList(parameters[key]);
    }
    if (type === 'guixu.limit') parameters.maxItems ??= 1;
    return { type, parameters };
  },
};
export default mapping;
