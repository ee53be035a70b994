import { type N8nMapping, entries, locatorValue, record } from '../mapping.ts';

const TYPE = '@n8n/n8n-nodes-langchain.retrieverWorkflow';

/** n8n's "Extra Workflow Inputs" (`fields.values`: name and a typed value) as one object. */
function extraFields(fields: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of entries(record(fields), 'values')) {
    if (typeof field.name !== 'string' || !field.name) continue;
    const type = typeof field.type === 'string' ? field.type : 'stringValue';
    out[field.name] = field[type] ?? field.stringValue ?? '';
  }
  return out;
}

/**
 * Workflow Retriever (v1–1.1): a stored workflow by id (a string, or a resource
 * locator in 1.1) with its extra inputs. A workflow given as JSON in the node
 * (source "parameter") has no stored workflow to run: a placeholder.
 */
const mapping: N8nMapping = {
  n8nTypes: [TYPE],
  guixuType: 'guixu.retrieverWorkflow',
  export: {
    type: TYPE,
    typeVersion: 1.1,
    parameters: (p) => ({
      source: 'database',
      workflowId: { __rl: true, mode: 'id', value: p.workflowId },
      ...(p.fields && Object.keys(record(p.fields)).length > 0
        ? {
            fields: {
              values: Object.entries(record(p.fields)).map(([name, value]) => ({
                name,
                type: 'stringValue',
                stringValue: String(value),
              })),
            },
          }
        : {}),
    }),
  },
  translate(node) {
    const p = node.parameters;
    const id = locatorValue(p.workflowId);
    const workflowId = typeof id === 'string' ? id : '';
    const fields = extraFields(p.fields);
    const parameters = { workflowId, ...(Object.keys(fields).length > 0 ? { fields } : {}) };
    if (p.source === 'parameter') {
      return {
        parameters,
        unsupported:
          'The workflow to run is written into the node as JSON; save it as a workflow of its own and give its id',
      };
    }
    return { parameters };
  },
};

export default mapping;
