import {
  createEngine,
  type Engine,
  type EngineOptions,
  type NodeServices,
  type RunOptions,
} from '@guixu/core';
import { closeConnections, SANDBOX_TENANT_SERVICE } from '@guixu/nodes';
import { type AiHost, aiHostOf, aiNodeServices, workflowUsesAi } from './ai-services.ts';
import type { ExecutionHost, HostedRun } from './host.ts';
import { knowledgeHostOf, knowledgeNodeServices } from './knowledge-services.ts';
import { guardedBinaryStore } from '../runner/binary-access.ts';
import { nextIsReplaySafe } from './replay-safe.ts';

/**
 * Runs the engine on the calling thread: for embedding with a node registry a
 * worker cannot rebuild, and for tools that run one workflow in the user's own
 * process. A server serves HTTP from this thread, so it uses `WorkerPoolHost`.
 */
export class InlineHost implements ExecutionHost {
  private readonly engine: Engine;

  constructor(private readonly options: EngineOptions) {
    this.engine = createEngine(options);
  }

  async prewarm(): Promise<void> {}

  /** Database pools and Redis clients nodes opened on this thread end with the host. */
  async close(): Promise<void> {
    await closeConnections();
  }

  async run(run: HostedRun): Promise<void> {
    const engine = this.engineFor(run);
    const { state, workflow } = run;
    const options: RunOptions = {
      signal: run.signal,
      onCheckpoint: (checkpoint) => {
        const committed = run.onCheckpoint(checkpoint);
        return committed && !nextIsReplaySafe(this.options.registry, workflow, state) ? committed : undefined;
      },
      onEvent: (event) => run.onEvent(event),
    };
    if (run.resumeInput) await engine.resume(workflow, state, run.resumeInput, options);
    else await engine.run(workflow, state, options);
  }

  private engineFor(run: HostedRun): Engine {
    const hasVars = Object.keys(run.vars).length > 0;
    const ai = workflowUsesAi(run.workflow) ? aiHostOf(this.options.services) : undefined;
    const binaryAllowed = run.binaryAllowed?.bind(run);
    if (!run.respondToWebhook && !hasVars && run.projectId === null && !ai && !binaryAllowed)
      return this.engine;
    // Respond to Webhook answers this execution's request only, `$vars` are the project's,
    // Code-node runs queue fairly per project in the sandbox pool, and files of other
    // executions are read only when the runner allows (pinned data can name any file).
    const services: NodeServices = {
      ...this.options.services,
      ...(binaryAllowed ? { binary: guardedBinaryStore(this.options.services.binary, binaryAllowed) } : {}),
      ...(run.projectId === null ? {} : { [SANDBOX_TENANT_SERVICE]: run.projectId }),
      ...(run.respondToWebhook ? { respondToWebhook: run.respondToWebhook } : {}),
      ...(ai ? aiServicesOf(ai, run) : {}),
      ...knowledgeServicesOf(this.options.services, run),
    };
    return createEngine({ ...this.options, services, ...(hasVars ? { vars: run.vars } : {}) });
  }
}

function aiServicesOf(ai: AiHost, run: HostedRun): Record<string, unknown> {
  const where = {
    executionId: run.executionId,
    projectId: run.projectId,
    workflowId: run.workflow.id ?? null,
  };
  return aiNodeServices({
    prices: ai.prices(run.projectId),
    call: (call) => ai.serve(where, call),
    stream: (delta) => ai.stream(run.executionId, delta),
  });
}

function knowledgeServicesOf(services: NodeServices, run: HostedRun): Record<string, unknown> {
  const knowledge = knowledgeHostOf(services);
  if (!knowledge || run.projectId === null) return {};
  const where = {
    executionId: run.executionId,
    projectId: run.projectId,
    workflowId: run.workflow.id ?? null,
  };
  return knowledgeNodeServices((query, signal) => knowledge.search(where, query, signal));
}
