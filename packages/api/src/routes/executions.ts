import { idParamsSchema } from '../common.ts';
import { defineRoute } from '../contract.ts';
import {
  executionBinaryQuerySchema,
  executionDetailSchema,
  executionPageSchema,
  executionStartedSchema,
  executionSummarySchema,
  listExecutionsQuerySchema,
  retryExecutionBodySchema,
  runWorkflowBodySchema,
} from '../executions.ts';

const base = '/api/v1/executions';
const tags = ['Executions'] as const;

export const executionRoutes = {
  list: defineRoute({
    method: 'GET',
    path: base,
    operationId: 'listExecutions',
    summary: 'List executions',
    description:
      'Newest first. Filter by workflow, status, mode and creation time (`startedAfter`, `startedBefore`); paginate with `limit` and `cursor`.',
    tags,
    query: listExecutionsQuerySchema,
    response: executionPageSchema,
  }),
  get: defineRoute({
    method: 'GET',
    path: `${base}/:id`,
    operationId: 'getExecution',
    summary: 'Get an execution with every node run',
    description: 'Each node run carries its input (rebuilt from its sources) and its output.',
    tags,
    params: idParamsSchema,
    response: executionDetailSchema,
    errors: [404],
  }),
  cancel: defineRoute({
    method: 'POST',
    path: `${base}/:id/cancel`,
    operationId: 'cancelExecution',
    summary: 'Cancel a running, queued or waiting execution',
    description: 'Answers 409 when the execution already ended.',
    tags,
    params: idParamsSchema,
    response: executionSummarySchema,
    errors: [404, 409],
  }),
  retry: defineRoute({
    method: 'POST',
    path: `${base}/:id/retry`,
    operationId: 'retryExecution',
    summary: 'Retry a failed or canceled execution',
    description:
      'Runs the same workflow version again with the same trigger input (mode `retry`, `retryOf` set). With `fromFailedNode`, the nodes before the failed one are not run again: their stored outputs are reused. With `workflow: "current"`, the workflow as saved now runs instead of the version the execution ran, so fixes made since are used. 202 with the new id, or 200 with the outcome when `wait` is set.',
    tags,
    params: idParamsSchema,
    body: retryExecutionBodySchema.optional(),
    response: executionStartedSchema,
    status: 202,
    errors: [404, 409, 429],
  }),
  binary: defineRoute({
    method: 'GET',
    path: `${base}/:id/binary`,
    operationId: 'getExecutionBinary',
    summary: "Download a binary attachment of an execution's item",
    description:
      'The bytes of `binary[key]` of item `item` on output `output` of run `run` of `node`, as an attachment with its MIME type (never rendered as a page: `nosniff` and a sandboxing CSP). 400 when that place holds no binary data.',
    tags,
    params: idParamsSchema,
    query: executionBinaryQuerySchema,
    errors: [400, 404],
  }),
  delete: defineRoute({
    method: 'DELETE',
    path: `${base}/:id`,
    operationId: 'deleteExecution',
    summary: 'Delete an execution and its binary data',
    description: 'A running execution is canceled first.',
    tags,
    params: idParamsSchema,
    status: 204,
    errors: [404],
  }),
  run: defineRoute({
    method: 'POST',
    path: '/api/v1/workflows/:id/run',
    operationId: 'runWorkflow',
    summary: 'Run a workflow by hand',
    description:
      'Starts the latest version at its Manual Trigger (or first trigger) with `input` as the trigger output. 202 with the execution id, or, with `wait`, 200 with the outcome and the last node’s items.',
    tags: ['Workflows', 'Executions'],
    params: idParamsSchema,
    body: runWorkflowBodySchema.optional(),
    response: executionStartedSchema,
    status: 202,
    errors: [404, 429],
  }),
};
