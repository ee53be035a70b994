import { z } from 'zod';
import { idSchema, pageSchema, paginationQuerySchema, timestampSchema } from './common.ts';
import { workflowDocumentSchema } from './workflows.ts';

export const executionStatusSchema = z
  .enum(['new', 'running', 'waiting', 'success', 'error', 'canceled'])
  .meta({ id: 'ExecutionStatus' });
export type ExecutionStatusName = z.infer<typeof executionStatusSchema>;

export const executionModeSchema = z
  .enum([
    'manual',
    'cli',
    'trigger',
    'webhook',
    'schedule',
    'retry',
    'error',
    'subworkflow',
    'chat',
    'internal',
  ])
  .meta({ id: 'ExecutionMode' });

/** Errors as stored in run data: `{ code, message }`, the node and parameter when known. */
export const executionErrorSchema = z
  .object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
    node: z.string().optional(),
    parameter: z.string().optional(),
    description: z.string().optional(),
  })
  .meta({ id: 'ExecutionError' });

export const itemSchema = z
  .object({
    json: z.record(z.string(), z.unknown()),
    binary: z.record(z.string(), z.unknown()).optional(),
    pairedItem: z.unknown().optional(),
  })
  .meta({ id: 'Item' });

/** A listed execution: who started it, how it ended, how long it took. */
export const executionSummarySchema = z
  .object({
    id: z.string(),
    workflowId: z.string().nullable(),
    workflowVersion: z.number().int().nullable(),
    status: executionStatusSchema,
    mode: z.string(),
    /** What started it: trigger node, kind, request summary. */
    trigger: z.record(z.string(), z.unknown()).nullable(),
    parentExecutionId: z.string().nullable(),
    retryOf: z.string().nullable(),
    startedAt: timestampSchema.nullable(),
    finishedAt: timestampSchema.nullable(),
    durationMs: z.number().int().nullable(),
    /** When a time-based wait resumes. */
    waitTill: timestampSchema.nullable(),
    error: executionErrorSchema.nullable(),
    createdAt: timestampSchema,
  })
  .meta({ id: 'ExecutionSummary' });
export type ExecutionSummary = z.infer<typeof executionSummarySchema>;

/** One run of one node, with the input it received (rebuilt from its sources). */
export const nodeRunSchema = z
  .object({
    runIndex: z.number().int(),
    /** Milliseconds since the epoch. */
    startTime: z.number(),
    executionTime: z.number(),
    executionStatus: z.string(),
    source: z.array(
      z
        .object({
          previousNode: z.string(),
          previousNodeOutput: z.number().int().optional(),
          previousNodeRun: z.number().int().optional(),
        })
        .nullable(),
    ),
    /** Items per input index. */
    input: z.array(z.array(itemSchema)),
    /** Items per output index. */
    output: z.array(z.array(itemSchema)),
    error: executionErrorSchema.optional(),
    logs: z.array(z.object({ level: z.string(), message: z.string(), time: z.number() })).optional(),
    tries: z.number().int().optional(),
    hints: z.array(z.string()).optional(),
  })
  .meta({ id: 'NodeRun' });
export type NodeRun = z.infer<typeof nodeRunSchema>;

export const executionDetailSchema = executionSummarySchema
  .extend({
    /** The document that ran. */
    workflow: workflowDocumentSchema.nullable(),
    lastNodeExecuted: z.string().nullable(),
    /** Node name → its runs in order. */
    runData: z.record(z.string(), z.array(nodeRunSchema)),
    /** For a waiting execution: the node that waits and what resumes it. */
    waitingFor: z
      .object({ node: z.string(), resumeOn: z.array(z.string()), resumeUrl: z.string().nullable() })
      .nullable(),
  })
  .meta({ id: 'Execution' });
export type ExecutionDetail = z.infer<typeof executionDetailSchema>;

export const executionPageSchema = pageSchema(executionSummarySchema).meta({ id: 'ExecutionPage' });

export const listExecutionsQuerySchema = paginationQuerySchema.extend({
  workflowId: idSchema.optional(),
  status: executionStatusSchema.optional(),
  mode: executionModeSchema.optional(),
  /** Created at or after this time. */
  startedAfter: timestampSchema.optional(),
  /** Created before this time. */
  startedBefore: timestampSchema.optional(),
});
export type ListExecutionsQuery = z.infer<typeof listExecutionsQuerySchema>;

const pinDataSchema = z.record(z.string().min(1).max(256), z.array(itemSchema).max(10_000));
const inputObject = z.record(z.string(), z.unknown());

export const runWorkflowBodySchema = z
  .object({
    /** The trigger's output: one object (one item) or a list (one item each). */
    input: z.union([inputObject, z.array(inputObject).max(10_000)]).optional(),
    /** Run only this node and the nodes it depends on. */
    destination: z.string().min(1).max(256).optional(),
    /** Answer when the execution ends (200) instead of at once (202). */
    wait: z.boolean().optional(),
    /** Fixed outputs per node name, replacing what those nodes would produce. */
    pinData: pinDataSchema.optional(),
  })
  .strict()
  .meta({ id: 'RunWorkflow' });
export type RunWorkflowBody = z.infer<typeof runWorkflowBodySchema>;

/** Where a binary attachment sits in an execution's run data. */
export const executionBinaryQuerySchema = z
  .object({
    node: z.string().min(1).max(256),
    run: z.coerce.number().int().min(0).default(0),
    output: z.coerce.number().int().min(0).default(0),
    item: z.coerce.number().int().min(0),
    /** The binary property, e.g. `data`. */
    key: z.string().min(1).max(256),
  })
  .strict();

export type ExecutionBinaryQuery = z.infer<typeof executionBinaryQuerySchema>;

export const retryExecutionBodySchema = z
  .object({
    /** Start at the node that failed, reusing the stored outputs of the nodes before it. */
    fromFailedNode: z.boolean().optional(),
    /**
     * `original` (default): the workflow version the execution ran. `current`: the
     * workflow as saved now, so fixes made in the editor are used (n8n's "retry with
     * currently saved workflow").
     */
    workflow: z.enum(['original', 'current']).optional(),
    wait: z.boolean().optional(),
  })
  .strict()
  .meta({ id: 'RetryExecution' });
export type RetryExecutionBody = z.infer<typeof retryExecutionBodySchema>;

/** Answer of a run or retry: the id at once, or (with `wait`) the outcome and the last node's items. */
export const executionStartedSchema = z
  .object({
    executionId: z.string(),
    status: executionStatusSchema,
    finishedAt: timestampSchema.nullable().optional(),
    durationMs: z.number().int().nullable().optional(),
    error: executionErrorSchema.nullable().optional(),
    /** Output 0 of the last node that ran (with `wait`). */
    items: z.array(itemSchema).optional(),
  })
  .meta({ id: 'ExecutionStarted' });
export type ExecutionStarted = z.infer<typeof executionStartedSchema>;
