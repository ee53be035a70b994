import { z } from 'zod';

/** Connection types (DESIGN.md §3). */
export const CONNECTION_TYPES = [
  'main',
  'ai_languageModel',
  'ai_tool',
  'ai_memory',
  'ai_embedding',
  'ai_vectorStore',
  'ai_textSplitter',
  'ai_document',
  'ai_outputParser',
  'ai_retriever',
] as const;
export type ConnectionType = (typeof CONNECTION_TYPES)[number];

export const onErrorSchema = z.enum(['stopWorkflow', 'continueRegularOutput', 'continueErrorOutput']);
export type OnError = z.infer<typeof onErrorSchema>;

export const workflowNodeSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  type: z.string().min(1),
  typeVersion: z.number().positive(),
  position: z.tuple([z.number(), z.number()]),
  parameters: z.record(z.string(), z.unknown()).default({}),
  /** Credential slot name → reference to a stored credential (id and/or name). */
  credentials: z
    .record(z.string(), z.object({ id: z.string().nullable().optional(), name: z.string() }))
    .optional(),
  disabled: z.boolean().optional(),
  onError: onErrorSchema.optional(),
  retryOnFail: z.boolean().optional(),
  maxTries: z.number().int().min(1).max(100).optional(),
  /** Milliseconds between tries. Doubles each try when `retryBackoff` is 'exponential'. */
  waitBetweenTries: z.number().int().min(0).max(3_600_000).optional(),
  retryBackoff: z.enum(['fixed', 'exponential']).optional(),
  /** Per-node timeout in milliseconds. */
  timeout: z.number().int().positive().optional(),
  alwaysOutputData: z.boolean().optional(),
  executeOnce: z.boolean().optional(),
  notes: z.string().optional(),
  notesInFlow: z.boolean().optional(),
});
export type WorkflowNode = z.infer<typeof workflowNodeSchema>;

export const connectionTargetSchema = z.object({
  node: z.string(),
  type: z.string(),
  index: z.number().int().min(0),
});
export type ConnectionTarget = z.infer<typeof connectionTargetSchema>;

/** source node name → connection type → output index → targets. `null` slots are allowed (n8n writes them). */
export const connectionsSchema = z.record(
  z.string(),
  z.record(z.string(), z.array(z.array(connectionTargetSchema).nullable())),
);
export type Connections = z.infer<typeof connectionsSchema>;

export const saveDataPolicySchema = z.enum(['all', 'errors', 'none']);

export const workflowSettingsSchema = z
  .object({
    timezone: z.string().optional(),
    /** Whole-run timeout in seconds; -1 or absent means none. */
    executionTimeout: z.number().optional(),
    errorWorkflow: z.string().optional(),
    saveDataPolicy: saveDataPolicySchema.optional(),
    saveManualExecutions: z.boolean().optional(),
    concurrencyLimit: z.number().int().positive().optional(),
    /** Cap on node runs per execution (stops runaway loops). */
    maxNodeRuns: z.number().int().positive().optional(),
    executionOrder: z.enum(['v1']).optional(),
    /**
     * What a runtime error inside `{{ }}` does: 'throw' (default) fails the node with the
     * error; 'null' makes the expression's value null, as n8n does (set on n8n imports).
     */
    expressionErrors: z.enum(['throw', 'null']).optional(),
  })
  .passthrough();
export type WorkflowSettings = z.infer<typeof workflowSettingsSchema>;

export const workflowSchema = z.object({
  id: z.string().optional(),
  name: z.string().default('Untitled workflow'),
  nodes: z.array(workflowNodeSchema),
  connections: connectionsSchema.default({}),
  settings: workflowSettingsSchema.default({}),
  pinData: z
    .record(z.string(), z.array(z.object({ json: z.record(z.string(), z.unknown()) }).passthrough()))
    .optional(),
  tags: z.array(z.string()).optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});
export type Workflow = z.infer<typeof workflowSchema>;
