import { z } from 'zod';

const displayOptionsSchema = z.object({
  show: z.record(z.string(), z.array(z.unknown())).optional(),
  hide: z.record(z.string(), z.array(z.unknown())).optional(),
});

/** Mirrors `FormField` from the node SDK: what the editor renders for one parameter. */
export const formFieldSchema: z.ZodType<FormFieldContract> = z
  .lazy(() =>
    z.object({
      name: z.string(),
      kind: z.string(),
      label: z.string(),
      description: z.string().optional(),
      default: z.unknown().optional(),
      placeholder: z.string().optional(),
      required: z.boolean().optional(),
      displayOptions: displayOptionsSchema.optional(),
      noExpression: z.boolean().optional(),
      widget: z.string(),
      hint: z.string().optional(),
      options: z
        .array(z.object({ value: z.unknown(), label: z.string(), description: z.string().optional() }))
        .optional(),
      fields: z.array(formFieldSchema).optional(),
      typeOptions: z.record(z.string(), z.unknown()).optional(),
    }),
  )
  .meta({ id: 'FormField' });

export interface FormFieldContract {
  name: string;
  kind: string;
  label: string;
  description?: string;
  default?: unknown;
  placeholder?: string;
  required?: boolean;
  displayOptions?: {
    show?: Record<string, readonly unknown[]>;
    hide?: Record<string, readonly unknown[]>;
  };
  noExpression?: boolean;
  widget: string;
  hint?: string;
  options?: { value?: unknown; label: string; description?: string }[];
  fields?: FormFieldContract[];
  typeOptions?: Record<string, unknown>;
}

export const portSchema = z.object({
  type: z.string(),
  displayName: z.string().optional(),
  required: z.boolean().optional(),
  maxConnections: z.number().int().optional(),
});

export const nodeTypeSchema = z
  .object({
    type: z.string(),
    versions: z.array(z.number()),
    /** The newest version: what a new node gets. */
    defaultVersion: z.number(),
    displayName: z.string(),
    description: z.string(),
    group: z.enum(['trigger', 'flow', 'data', 'action', 'ai']),
    icon: z.string().optional(),
    defaultName: z.string(),
    /** Ports for default parameters; `dynamicInputs`/`dynamicOutputs` say they change with parameters. */
    inputs: z.array(portSchema),
    outputs: z.array(portSchema),
    outputNames: z.array(z.string()).optional(),
    dynamicInputs: z.boolean(),
    dynamicOutputs: z.boolean(),
    credentials: z.array(
      z.object({
        name: z.string(),
        types: z.array(z.string()),
        required: z.boolean(),
        displayOptions: displayOptionsSchema.optional(),
      }),
    ),
    trigger: z.object({ kind: z.string() }).optional(),
    alwaysRun: z.boolean(),
    properties: z.array(formFieldSchema),
    docs: z.string().optional(),
  })
  .meta({ id: 'NodeType' });
export type NodeTypeDescription = z.infer<typeof nodeTypeSchema>;

export const nodeTypeListSchema = z.object({ data: z.array(nodeTypeSchema) }).meta({ id: 'NodeTypeList' });

export const nodeTypeParamsSchema = z.object({ type: z.string().min(1).max(200) });
export const nodeTypeQuerySchema = z.object({
  version: z.coerce.number().positive().optional(),
});
export const nodeTypeListQuerySchema = z.object({
  group: z.enum(['trigger', 'flow', 'data', 'action', 'ai']).optional(),
});
