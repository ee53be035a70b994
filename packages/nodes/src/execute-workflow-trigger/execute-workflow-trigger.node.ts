import { defineNode, GuixuError, type Item, type JsonObject, type JsonValue, p } from '@guixu/core';

/**
 * Mirrors n8n's Execute Workflow Trigger v1.1 (`inputSource`, `workflowInputs.values[]`,
 * `jsonExample`). Workflows imported from v1 (no parameters) have no `inputSource`
 * but also no fields; an empty field list passes the items through, as v1 did.
 */

const FIELD_TYPES = ['any', 'string', 'number', 'boolean', 'array', 'object'] as const;
type FieldType = (typeof FIELD_TYPES)[number];

export default defineNode({
  type: 'guixu.executeWorkflowTrigger',
  version: 1,
  displayName: 'Execute Workflow Trigger',
  description: 'Starts this workflow when another workflow calls it with an Execute Workflow node.',
  group: 'trigger',
  icon: 'sign-in',
  defaultName: 'When executed by another workflow',
  inputs: [],
  outputs: ['main'],
  trigger: { kind: 'executeWorkflow' },
  params: {
    inputSource: p.options({
      label: 'Input data mode',
      default: 'workflowInputs',
      noExpression: true,
      options: [
        {
          value: 'workflowInputs',
          label: 'Define using fields below',
          description: 'Name the fields the caller sends',
        },
        {
          value: 'jsonExample',
          label: 'Define using JSON example',
          description: 'Take the field names from an example',
        },
        { value: 'passthrough', label: 'Accept all data', description: 'Use whatever the caller sends' },
      ],
    }),
    workflowInputs: p.object({
      label: 'Workflow input schema',
      displayOptions: { show: { inputSource: ['workflowInputs'] } },
      fields: {
        values: p.list({
          label: 'Values',
          addLabel: 'Add field',
          fields: {
            name: p.string({ label: 'Name', placeholder: 'e.g. fieldName', required: true }),
            type: p.options({
              label: 'Type',
              default: 'any',
              options: FIELD_TYPES.map((value) => ({
                value,
                label: value === 'any' ? 'Allow any type' : value,
              })),
            }),
          },
        }),
      },
    }),
    jsonExample: p.json({
      label: 'JSON example',
      description: 'An example object; its top-level keys become the input fields.',
      default: { aField: 'a string', aNumber: 123 },
      displayOptions: { show: { inputSource: ['jsonExample'] } },
    }),
  },
  docs: `The start of a sub-workflow. The calling workflow's Execute Workflow node sends items; this trigger outputs them.

- **Define using fields below**: only the named fields are kept (a missing field becomes \`null\`). Values of the wrong type stop the run with a clear error.
- **Define using JSON example**: like fields, with the names taken from an example object.
- **Accept all data**: the items pass through unchanged.`,
  run(ctx) {
    const params = ctx.params(0);
    let fields: { name: string; type: FieldType }[] = [];
    if (params.inputSource === 'workflowInputs') fields = params.workflowInputs.values;
    if (params.inputSource === 'jsonExample') {
      const example = params.jsonExample;
      if (example === null || typeof example !== 'object' || Array.isArray(example)) {
        throw new GuixuError('PARAMETER_INVALID', 'The JSON example must be an object', {
          node: ctx.node.name,
          parameter: 'jsonExample',
        });
      }
      fields = Object.keys(example).map((name) => ({ name, type: 'any' }));
    }
    if (params.inputSource === 'passthrough' || fields.length === 0) return [ctx.items];
    return [
      ctx.items.map((item, itemIndex): Item => {
        const json: JsonObject = {};
        for (const field of fields) {
          json[field.name] = checkType(item.json[field.name] ?? null, field, ctx.node.name, itemIndex);
        }
        return { json, pairedItem: { item: itemIndex } };
      }),
    ];
  },
});

function checkType(
  value: JsonValue,
  field: { name: string; type: FieldType },
  node: string,
  itemIndex: number,
) {
  if (value === null || field.type === 'any') return value;
  const actual = Array.isArray(value) ? 'array' : typeof value;
  if (actual === field.type) return value;
  throw new GuixuError(
    'WORKFLOW_INPUT_WRONG_TYPE',
    `Input field "${field.name}" should be ${field.type === 'array' || field.type === 'object' ? 'an' : 'a'} ${field.type} but is ${actual === 'array' || actual === 'object' ? 'an' : 'a'} ${actual} [item ${itemIndex}]`,
    {
      node,
      parameter: 'workflowInputs',
      details: { field: field.name, expected: field.type, actual, itemIndex },
      description: 'Convert the value in the calling workflow, or set the field type to "Allow any type".',
    },
  );
}
