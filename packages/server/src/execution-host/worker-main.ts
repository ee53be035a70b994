/**
 * Entry of an execution worker thread: runs the engine (its expressions and
 * node code) for the executions the main thread hands it. Everything a run
 * needs from the main thread crosses the message protocol (protocol.ts).
 */
import { guardedBinaryStore } from '../runner/binary-access.ts';
import { parentPort, workerData } from 'node:worker_threads';
import {
  createEngine,
  type EngineOptions,
  type NodeServices,
  type RunOptions,
  systemClock,
  toPlainError,
  type Workflow,
} from '@guixu/core';
import { builtinNodes, configureCode, SANDBOX_TENANT_SERVICE } from '@guixu/nodes';
import { hardenProcess } from '../harden-process.ts';
import { aiNodeServices } from './ai-services.ts';
import { knowledgeNodeServices } from './knowledge-services.ts';
import { MeterView } from './meter.ts';
import type { ToWorker, WorkerInit } from './protocol.ts';
import { nextIsReplaySafe } from './replay-safe.ts';
import { WorkerMeter } from './worker-meter.ts';
import { errorFromPlain, WorkerOutbox } from './worker-outbox.ts';
import {
  ProxySandboxPool,
  proxyCredentials,
  proxySubWorkflows,
  workerBinaryStore,
} from './worker-services.ts';

type RunMessage = Extract<ToWorker, { type: 'run' }>;

// A worker thread has intrinsics of its own: freeze them before any user logic runs here.
hardenProcess();

function isWorkerInit(value: unknown): value is WorkerInit {
  return (
    typeof value === 'object' &&
    value !== null &&
    'meter' in value &&
    value.meter instanceof SharedArrayBuffer &&
    'dataDir' in value &&
    typeof value.dataDir === 'string'
  );
}

const port = parentPort;
if (!port || !isWorkerInit(workerData))
  throw new Error('The execution worker runs in a worker thread of the server');
const init = workerData;
configureCode(init.code);
const outbox = new WorkerOutbox(port);
const view = new MeterView(init.meter);
const meter = new WorkerMeter(view, init.cpuBudgetMs);
const sandbox = new ProxySandboxPool(outbox);
const base: Omit<EngineOptions, 'registry'> = {
  services: {
    binary: workerBinaryStore(init, outbox),
    clock: systemClock,
    codeSandbox: sandbox,
    subWorkflows: proxySubWorkflows(outbox),
  },
  credentials: proxyCredentials(outbox),
  resumeUrl: (id) => `${init.resumeUrlPrefix}${id}`,
  dataLimits: init.dataLimits,
  ...(init.timezone ? { timezone: init.timezone } : {}),
  userLogic: meter,
};
const registry = await builtinNodes();
const workflows = new Map<string, Workflow>();
const runs = new Map<string, AbortController>();

function documentOf(message: RunMessage): Workflow | undefined {
  for (const key of message.evict ?? []) workflows.delete(key);
  if (message.workflow) {
    if (message.workflowKey) workflows.set(message.workflowKey, message.workflow);
    return message.workflow;
  }
  return message.workflowKey === undefined ? undefined : workflows.get(message.workflowKey);
}

async function run(message: RunMessage): Promise<void> {
  const { executionId, state } = message;
  // The document is kept even for a run taken back: the main thread counts it as sent.
  const workflow = documentOf(message);
  // Queued behind a long stretch of user logic, the run may have moved to another worker.
  if (!view.take(message.slot, message.ticket)) return;
  if (!workflow) {
    outbox.send({
      type: 'finished',
      executionId,
      error: { code: 'EXECUTION_WORKER_LOST', message: `The worker has no document for ${executionId}` },
    });
    return;
  }
  const abort = new AbortController();
  runs.set(executionId, abort);
  meter.track(executionId, message.slot);
  // Code-node runs queue fairly per project in the sandbox pool.
  const services: NodeServices = {
    ...base.services,
    // Files of other executions only when the main thread allows (pinned data can name any file).
    binary: guardedBinaryStore(base.services.binary, (owner) =>
      owner === executionId
        ? true
        : (outbox.call(executionId, { method: 'binaryAccess', args: { owner } }) as Promise<boolean>),
    ),
    [SANDBOX_TENANT_SERVICE]: message.projectId ?? '',
    ...(message.respond
      ? { respondToWebhook: (response) => outbox.send({ type: 'respond', executionId, response }) }
      : {}),
    ...(message.ai
      ? aiNodeServices({
          prices: message.ai.prices,
          call: (args) => outbox.call(executionId, { method: 'ai', args }),
          stream: (delta) => outbox.send({ type: 'aiStream', executionId, delta }),
        })
      : {}),
    ...(message.projectId === null
      ? {}
      : knowledgeNodeServices((args, signal) =>
          outbox.call(executionId, { method: 'knowledge', args }, signal),
        )),
  };
  const hasVars = Object.keys(message.vars).length > 0;
  const engine = createEngine({ ...base, registry, services, ...(hasVars ? { vars: message.vars } : {}) });
  const options: RunOptions = {
    signal: abort.signal,
    onCheckpoint: (checkpoint) => {
      const out = { type: 'checkpoint' as const, executionId, checkpoint };
      // Before a node that must not run twice, the main thread confirms the commit first.
      if (nextIsReplaySafe(registry, workflow, state)) return outbox.send(out);
      return outbox.acknowledged(out);
    },
    onEvent: (event) => outbox.send({ type: 'event', executionId, event }),
  };
  let error: ReturnType<typeof toPlainError> | undefined;
  try {
    if (message.resumeInput) await engine.resume(workflow, state, message.resumeInput, options);
    else await engine.run(workflow, state, options);
  } catch (failure) {
    error = toPlainError(failure);
  } finally {
    runs.delete(executionId);
    meter.untrack(executionId);
  }
  outbox.send({ type: 'finished', executionId, ...(error ? { error } : {}) });
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'run':
      void run(message);
      return;
    case 'cancel':
      runs.get(message.executionId)?.abort(errorFromPlain(message.reason));
      return;
    case 'reply':
      outbox.reply(message.callId, message.value, message.error);
      return;
    case 'sandboxLog':
      sandbox.log(message.callId, message.level, message.message);
      return;
    case 'sandboxLookup':
      void sandbox.lookup(message.callId, message.lookupId, message.request);
  }
});
port.postMessage({ type: 'ready' });
