/**
 * Edit Fields (Set), parameters as n8n Set v3.4. Deliberate deviations:
 * - one version carries both `options.includeBinary` (n8n ≤ 3.3) and
 *   `options.stripBinary` (n8n 3.4): binary is kept when `includeBinary` is on,
 *   or when other input fields are included and `stripBinary` is not on;
 * - n8n's hidden "duplicate item" testing option is not offered;
 * - JSON Output templates find the end of each `{{ }}` by parsing the code
 *   (n8n stops at the first `}}`, which breaks object literals ending in `}}`).
 */
import { defineNode, GuixuError, isExpressionString, p } from '@guixu/core';
import { z } from 'zod';
import { setField, splitFieldList } from '../shared/field-paths.ts';
import { mapItems } from '../shared/item-errors.ts';
import { ASSIGNMENT_TYPES, convertAssignmentValue, isAssignmentType } from './assignment-value.ts';
import { type ComposePlan, finishItem, type IncludeMode, startJson } from './compose-item.ts';
import { parseJsonOutput, resolveJsonTemplate } from './raw-json.ts';

export interface Assignment {
  id?: string;
  name: string;
  value: unknown;
  type?: string;
}
export interface AssignmentCollection {
  assignments: Assignment[];
}

function isAssignment(value: unknown): value is Assignment {
  if (typeof value !== 'object' || value === null) return false;
  const name = (value as { name?: unknown }).name;
  return typeof name === 'string' || typeof name === 'number';
}

// A hand-written guard instead of a zod object: this parameter is validated per item on the hot path.
const assignmentCollection = z.custom<AssignmentCollection>(
  (value) => {
    if (typeof value !== 'object' || value === null) return false;
    const list = (value as { assignments?: unknown }).assignments;
    return list === undefined || (Array.isArray(list) && list.every(isAssignment));
  },
  { message: 'must be { assignments: [{ name, value, type }] } with a name in every entry' },
);

const DEFAULT_JSON = '{\n  "my_field_1": "value",\n  "my_field_2": 1\n}';

const set = defineNode({
  type: 'guixu.set',
  version: 1,
  displayName: 'Edit Fields (Set)',
  description: 'Adds, changes or removes fields of every item.',
  group: 'data',
  icon: 'pen',
  defaultName: 'Edit Fields',
  inputs: ['main'],
  outputs: ['main'],
  docs: [
    'Sets fields on each item, either one by one ("Manual Mapping": name, type and value per field,',
    'with type conversion) or from a JSON object ("JSON"). Field names use dot notation by default',
    '(`address.city` writes a nested field; turn off "Support Dot Notation" to write the name literally).',
    'By default only the fields you set are output; "Include Other Input Fields" keeps all, selected',
    'or all-but-some input fields too. Type conversion follows n8n: an empty string set as a number',
    'becomes 0; "Ignore Type Conversion Errors" keeps unconvertible values as they are.',
  ].join('\n'),
  params: {
    mode: p.options({
      label: 'Mode',
      options: [
        { value: 'manual', label: 'Manual Mapping', description: 'Edit item fields one by one' },
        { value: 'raw', label: 'JSON', description: 'Customize item output with JSON' },
      ],
      default: 'manual',
    }),
    assignments: p.custom<AssignmentCollection>({
      kind: 'assignmentCollection',
      label: 'Fields to Set',
      description: 'Fields to add or change, each with a name (dot notation allowed), a type and a value.',
      default: { assignments: [] },
      schema: assignmentCollection,
      displayOptions: { show: { mode: ['manual'] } },
    }),
    jsonOutput: p.custom<unknown>({
      kind: 'json',
      label: 'JSON Output',
      description:
        'A JSON object whose fields are set on the item. `{{ }}` expressions inside are resolved first.',
      default: DEFAULT_JSON,
      schema: z.unknown(),
      // Resolved by the node itself: each `{{ }}` is spliced into the text as JSON.
      noExpression: true,
      displayOptions: { show: { mode: ['raw'] } },
    }),
    includeOtherFields: p.boolean({
      label: 'Include Other Input Fields',
      description: 'Whether to pass input fields through to the output along with the fields set here.',
      default: false,
    }),
    include: p.options({
      label: 'Input Fields to Include',
      options: [
        { value: 'all', label: 'All' },
        { value: 'selected', label: 'Selected' },
        { value: 'except', label: 'All Except' },
      ],
      default: 'all',
      displayOptions: { show: { includeOtherFields: [true] } },
    }),
    includeFields: p.string({
      label: 'Fields to Include',
      description: 'Comma-separated list of input fields to keep.',
      placeholder: 'e.g. fieldToInclude1,fieldToInclude2',
      displayOptions: { show: { include: ['selected'] } },
    }),
    excludeFields: p.string({
      label: 'Fields to Exclude',
      description: 'Comma-separated list of input fields to drop.',
      placeholder: 'e.g. fieldToExclude1,fieldToExclude2',
      displayOptions: { show: { include: ['except'] } },
    }),
    options: p.collection({
      label: 'Options',
      fields: {
        dotNotation: p.boolean({
          label: 'Support Dot Notation',
          description:
            'Whether `a.b` in a field name sets `b` inside `a` (otherwise the key is literally `a.b`).',
          default: true,
        }),
        ignoreConversionErrors: p.boolean({
          label: 'Ignore Type Conversion Errors',
          description: 'Whether to keep values that cannot be converted to the field type as they are.',
          default: false,
        }),
        includeBinary: p.boolean({
          label: 'Include Binary File',
          description: 'Whether to always pass the input binary data through.',
          default: false,
        }),
        stripBinary: p.boolean({
          label: 'Strip Binary Data',
          description: 'Whether to drop input binary data when other input fields are included.',
          default: true,
        }),
      },
    }),
  },
  run(ctx) {
    type SetParams = ReturnType<typeof ctx.params>;
    const rawJsonOutput = ctx.node.parameters.jsonOutput;
    const template = isExpressionString(rawJsonOutput) ? rawJsonOutput.replace(/^=+/, '') : undefined;
    let staticJson: Record<string, unknown> | undefined;
    let planParams: SetParams | undefined;
    let plan: ComposePlan | undefined;

    const planFor = (params: SetParams): ComposePlan => {
      const include: IncludeMode = params.includeOtherFields ? params.include : 'none';
      // Parameters rarely differ between items: reuse the plan while they are the same.
      if (
        plan &&
        planParams &&
        plan.include === include &&
        planParams.includeFields === params.includeFields &&
        planParams.excludeFields === params.excludeFields &&
        planParams.options === params.options
      ) {
        return plan;
      }
      const options = params.options;
      planParams = params;
      plan = {
        include,
        includeFields: include === 'selected' ? splitFieldList(params.includeFields) : [],
        excludeFields: include === 'except' ? splitFieldList(params.excludeFields) : [],
        dotNotation: options.dotNotation !== false,
        keepBinary: options.includeBinary === true || (include !== 'none' && options.stripBinary !== true),
      };
      return plan;
    };

    const output = mapItems(ctx, (item, i) => {
      const params = ctx.params(i);
      const itemPlan = planFor(params);
      if (params.mode === 'raw') {
        let data: Record<string, unknown>;
        if (template !== undefined) {
          data = parseJsonOutput(resolveJsonTemplate(ctx, template, i), i);
        } else {
          staticJson ??= parseJsonOutput(params.jsonOutput, i);
          data = staticJson;
        }
        const json = startJson(item.json, itemPlan);
        for (const key of Object.keys(data)) setField(json, key, data[key], !itemPlan.dotNotation);
        return finishItem(item, i, json, itemPlan);
      }
      const list = params.assignments.assignments ?? [];
      const json = startJson(item.json, itemPlan);
      const ignoreErrors = params.options.ignoreConversionErrors === true;
      for (let k = 0; k < list.length; k++) {
        const assignment = list[k];
        const name = String(assignment.name);
        const type = assignment.type ?? 'string';
        if (!isAssignmentType(type)) {
          throw new GuixuError(
            'PARAMETER_INVALID',
            `Field "${name}" has an unknown type "${String(type)}"; use one of ${ASSIGNMENT_TYPES.join(', ')}`,
            { parameter: `assignments.assignments[${k}].type`, details: { itemIndex: i } },
          );
        }
        const value =
          type === 'string' && typeof assignment.value === 'string'
            ? assignment.value
            : convertAssignmentValue(type, assignment.value, {
                name,
                itemIndex: i,
                parameter: `assignments.assignments[${k}].value`,
                ignoreErrors,
              });
        setField(json, name, value, !itemPlan.dotNotation);
      }
      return finishItem(item, i, json, itemPlan);
    });
    return [output];
  },
});

export default set;
