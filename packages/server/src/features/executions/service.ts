import { binaryOwnerOf } from '../../runner/binary-access.ts';
import type {
  ExecutionBinaryQuery,
  ExecutionDetail,
  ExecutionStarted,
  ExecutionSummary,
  ListExecutionsQuery,
  NodeRun,
  RetryExecutionBody,
  RunWorkflowBody,
} from '@guixu/api';
import {
  type BinaryRef,
  finalItems,
  GuixuError,
  inputsOf,
  type Item,
  type JsonObject,
  type RunState,
  type Workflow,
} from '@guixu/core';
import type { Database } from '../../db/dialect.ts';
import { notFound } from '../../http/http-errors.ts';
import type { ExecutionRow } from '../../runner/execution-store.ts';
import type { InProcessRunner } from '../../runner/runner.ts';
import type { ExecutionHandle } from '../../runner/types.ts';
import type { Actor } from '../../security/policy.ts';
import type { WorkflowService } from '../workflows/service.ts';
import { ExecutionRepository, summaryOf } from './repository.ts';

export interface ExecutionServiceOptions {
  database: Database;
  runner: InProcessRunner;
  workflows: WorkflowService;
}

/** What the executions API does, on top of the runner and the stored rows. */
export class ExecutionService {
  readonly repo: ExecutionRepository;

  constructor(private readonly options: ExecutionServiceOptions) {
    this.repo = new ExecutionRepository(options.database);
  }

  private get runner(): InProcessRunner {
    return this.options.runner;
  }

  list(query: ListExecutionsQuery, actor?: Actor) {
    return this.repo.list(query, actor);
  }

  private async row(id: string): Promise<ExecutionRow> {
    const row = await this.runner.store.findRow(id);
    if (!row) throw notFound('execution', id);
    return row;
  }

  async summary(id: string): Promise<ExecutionSummary> {
    return summaryOf(this.options.database, await this.row(id));
  }

  async get(id: string): Promise<ExecutionDetail> {
    const row = await this.row(id);
    const state = await this.runner.store.loadState(id);
    let workflow: Workflow | null = null;
    try {
      workflow = await this.runner.workflowOf(row);
    } catch {
      // The document may be gone (a version pruned by hand); run data still shows.
      workflow = null;
    }
    const suspended = row.status === 'waiting' ? state.suspended : undefined;
    return {
      ...summaryOf(this.options.database, row),
      workflow: workflow === null ? null : { ...workflow, settings: workflow.settings ?? {} },
      lastNodeExecuted: state.lastNodeExecuted ?? null,
      runData: runDataOf(state),
      waitingFor: suspended
        ? {
            node: suspended.node,
            resumeOn: suspended.resumeOn,
            resumeUrl: suspended.resumeOn.includes('webhook') ? this.resumeUrl(id) : null,
          }
        : null,
    };
  }

  resumeUrl(id: string): string {
    return this.runner.resumeUrl(id);
  }

  async cancel(id: string): Promise<ExecutionSummary> {
    await this.runner.cancel(id);
    return this.summary(id);
  }

  async delete(id: string): Promise<void> {
    const row = await this.row(id);
    if (this.runner.isActive(id)) await this.runner.cancelActive(id);
    else if (row.status === 'waiting') await this.runner.cancel(id).catch(() => {});
    await this.repo.delete(id);
    await this.runner.binary.deleteExecution(id);
  }

  /** `POST /workflows/:id/run`: the latest version, from its Manual Trigger (or first trigger). */
  async run(workflowId: string, body: RunWorkflowBody): Promise<{ handle: ExecutionHandle; wait: boolean }> {
    const record = await this.options.workflows.get(workflowId);
    const workflow: Workflow = {
      id: record.id,
      name: record.name,
      nodes: record.nodes,
      connections: record.connections,
      settings: record.settings,
      ...(record.pinData === null ? {} : { pinData: record.pinData }),
    };
    const input =
      body.input === undefined ? undefined : Array.isArray(body.input) ? body.input : [body.input];
    if (body.destination !== undefined && !record.nodes.some((n) => n.name === body.destination)) {
      throw new GuixuError(
        'DESTINATION_INVALID',
        `There is no node named "${body.destination}" in the workflow`,
        {
          details: { parameter: 'destination', node: body.destination },
        },
      );
    }
    const handle = await this.runner.start({
      workflow,
      workflowId: record.id,
      workflowVersion: record.version,
      mode: 'manual',
      ...(input === undefined ? {} : { triggerItems: input.map((json) => ({ json: toJsonObject(json) })) }),
      ...(body.destination === undefined ? {} : { destination: body.destination }),
      ...(body.pinData === undefined ? {} : { pinData: pinDataOf(body.pinData) }),
      trigger: {
        kind: 'manual',
        ...(body.destination === undefined ? {} : { destination: body.destination }),
      },
    });
    return { handle, wait: body.wait === true };
  }

  /** Runs a failed or canceled execution again: from the start, or from the node that failed. */
  async retry(id: string, body: RetryExecutionBody): Promise<{ handle: ExecutionHandle; wait: boolean }> {
    const row = await this.row(id);
    if (row.status !== 'error' && row.status !== 'canceled') {
      throw new GuixuError(
        'EXECUTION_NOT_RETRYABLE',
        `Execution ${id} has status "${row.status}"; only failed or canceled executions are retried`,
        { details: { executionId: id, status: row.status } },
      );
    }
    const state = await this.runner.store.loadState(id);
    const start = await this.runner.store.loadStartState(id);
    const current = body.workflow === 'current' ? await this.currentWorkflow(row) : undefined;
    const workflow = current?.workflow ?? (await this.runner.workflowOf(row));
    const version = current ? current.version : row.workflow_version;
    const first = start.stack[0];
    const failedNode = state.error?.node ?? state.lastNodeExecuted;
    if (body.fromFailedNode && failedNode === undefined) {
      throw new GuixuError('EXECUTION_NOT_RETRYABLE', `Execution ${id} has no failed node to retry from`, {
        details: { executionId: id },
      });
    }
    const trigger = this.options.database.adapter.readJson(row.trigger);
    const handle = await this.runner.start({
      workflow,
      ...(row.workflow_id === null ? {} : { workflowId: row.workflow_id }),
      ...(version === null ? {} : { workflowVersion: version }),
      mode: 'retry',
      // A retry stays in the project of the execution it repeats.
      projectId: row.project_id,
      retryOf: id,
      ...(first ? { triggerNode: first.node, triggerItems: first.items?.[0] ?? [] } : {}),
      ...(start.destination === undefined ? {} : { destination: start.destination }),
      ...(body.fromFailedNode && failedNode !== undefined
        ? { retryFrom: { node: failedNode, previousRunData: state.runData } }
        : {}),
      trigger: {
        ...(isJsonObject(trigger) ? trigger : {}),
        retryOf: id,
        ...(body.fromFailedNode ? { fromNode: failedNode ?? null } : {}),
        ...(current ? { workflow: 'current' } : {}),
      },
    });
    return { handle, wait: body.wait === true };
  }

  /** The execution's workflow as saved now: the same workflow, still in the execution's project. */
  private async currentWorkflow(row: ExecutionRow): Promise<{ workflow: Workflow; version: number }> {
    if (row.workflow_id === null) {
      throw new GuixuError(
        'EXECUTION_NOT_RETRYABLE',
        `Execution ${row.id} did not run a saved workflow; retry it with its original workflow`,
        { details: { executionId: row.id, parameter: 'workflow' } },
      );
    }
    const record = await this.options.workflows.get(row.workflow_id);
    if (record.projectId !== row.project_id) {
      // Moved to another project since: its current version is not this execution's to run.
      throw new GuixuError(
        'EXECUTION_NOT_RETRYABLE',
        `The workflow of execution ${row.id} now belongs to another project; retry it with its original workflow`,
        { details: { executionId: row.id, parameter: 'workflow' } },
      );
    }
    return {
      workflow: {
        id: record.id,
        name: record.name,
        nodes: record.nodes,
        connections: record.connections,
        settings: record.settings,
      },
      version: record.version,
    };
  }

  /** A binary attachment of one of the execution's items (only references found in its own run data are served). */
  async binary(
    id: string,
    at: ExecutionBinaryQuery,
  ): Promise<{ ref: BinaryRef; stream: AsyncIterable<Uint8Array> }> {
    const row = await this.row(id);
    const state = await this.runner.store.loadState(id);
    // Own properties only: a node or key named like `__proto__` finds nothing.
    const runs = Object.hasOwn(state.runData, at.node) ? state.runData[at.node] : undefined;
    const item = runs?.[at.run]?.data?.main?.[at.output]?.[at.item];
    const ref = item?.binary && Object.hasOwn(item.binary, at.key) ? item.binary[at.key] : undefined;
    if (!ref || typeof ref.id !== 'string') {
      throw new GuixuError(
        'BINARY_LOCATION_INVALID',
        `Node "${at.node}" has no binary "${at.key}" in run ${at.run}, output ${at.output}, item ${at.item} of execution ${id}`,
        { details: { executionId: id, ...at } },
      );
    }
    await this.checkBinaryOwner(row, ref.id, at);
    return { ref, stream: this.runner.binary.stream(ref) };
  }

  /**
   * A reference names the execution whose files hold it (`fs:<execution>:<uuid>`,
   * `s3:…`): another execution's file is served only as a run may read it
   * (runner/binary-access.ts), so pinned data cannot reach another project's files.
   */
  private async checkBinaryOwner(row: ExecutionRow, refId: string, at: ExecutionBinaryQuery): Promise<void> {
    if (await this.runner.binaryAccess.allowed(row.id, row.project_id, binaryOwnerOf(refId))) return;
    throw new GuixuError(
      'BINARY_LOCATION_INVALID',
      `Node "${at.node}" refers to binary data "${at.key}" that belongs to no execution of this project`,
      { details: { executionId: row.id, ...at } },
    );
  }

  /** The answer of run/retry: the id at once, or the outcome once it ended (or suspended). */
  async started(handle: ExecutionHandle, wait: boolean): Promise<ExecutionStarted> {
    if (!wait) {
      // The id is answered once the execution can be read (and checked for access) by it.
      await handle.saved;
      return { executionId: handle.executionId, status: 'running' };
    }
    const state = await handle.finished;
    const durationMs = state.finishedAt ? Date.parse(state.finishedAt) - Date.parse(state.startedAt) : null;
    return {
      executionId: handle.executionId,
      status: state.status,
      finishedAt: state.finishedAt ?? null,
      durationMs,
      error: state.error ?? null,
      items: state.status === 'success' ? finalItems(state) : [],
    };
  }
}

function runDataOf(state: RunState): Record<string, NodeRun[]> {
  const out: Record<string, NodeRun[]> = {};
  for (const [node, runs] of Object.entries(state.runData)) {
    out[node] = runs.map((record, runIndex) => {
      const run: NodeRun = {
        runIndex,
        startTime: record.startTime,
        executionTime: record.executionTime,
        executionStatus: record.executionStatus,
        source: record.source,
        input: inputsOf(state, node, runIndex),
        output: record.data?.main ?? [],
      };
      if (record.error) run.error = record.error;
      if (record.logs) run.logs = record.logs;
      if (record.tries !== undefined) run.tries = record.tries;
      if (record.hints) run.hints = record.hints;
      return run;
    });
  }
  return out;
}

const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Request bodies are parsed JSON: every value is already JSON. */
function toJsonObject(value: Record<string, unknown>): JsonObject {
  return JSON.parse(JSON.stringify(value));
}

function pinDataOf(pins: Record<string, { json: Record<string, unknown> }[]>): Record<string, Item[]> {
  const out: Record<string, Item[]> = {};
  for (const [node, items] of Object.entries(pins))
    out[node] = items.map((i) => ({ json: toJsonObject(i.json) }));
  return out;
}
