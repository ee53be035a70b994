import { codeSandbox } from '@guixu/nodes';
import { createBinaryStore } from '../binary/create-binary-store.ts';
import type { ServerContext } from '../context.ts';
import { createExecutionHost, dataLimitsOf } from '../execution-host/create-host.ts';
import { securityDb } from '../security/tables.ts';
import { workflowCallAllowed } from '../security/workflow-calls.ts';
import { installErrorWorkflows } from './error-workflow.ts';
import { instanceIdFor } from './instance-id.ts';
import { registerRunnerMetrics } from './metrics.ts';
import { ProjectContext } from './project-context.ts';
import { InProcessRunner, type LoadedWorkflow } from './runner.ts';
import { storedSubWorkflows } from './sub-workflows.ts';
import { trackBinaryWrites } from './tracked-binary-store.ts';

export interface CreatedRunner {
  runner: InProcessRunner;
  setWaiting(count: number): void;
}

/**
 * The runner of this server: binary data in the data dir, workflows loaded
 * through the workflows service, error workflows and Execute Workflow wired in.
 * Runs execute in worker threads when the registry is the built-in one (a
 * worker rebuilds it); `builtinRegistry` says so.
 */
export function createRunner(ctx: ServerContext, options: { builtinRegistry?: boolean } = {}): CreatedRunner {
  // One sandbox pool for every Code node run: warmed at start, stopped at shutdown (features/executions).
  const services: Record<string, unknown> = { codeSandbox: codeSandbox() };
  const workflows = ctx.services.get('workflows');
  const versions = new Map<string, LoadedWorkflow>();
  const loadWorkflow = async (id: string, version: number | null): Promise<LoadedWorkflow> => {
    if (version === null) {
      const record = await workflows.get(id);
      const { tags: _tags, ...document } = await workflows.export(id);
      return { workflow: { ...document, id }, version: record.version };
    }
    const key = `${id}@${version}`;
    const cached = versions.get(key);
    if (cached) return cached;
    const stored = await workflows.getVersion(id, version);
    const { tags: _tags, ...document } = stored.workflow;
    const loaded: LoadedWorkflow = { workflow: { ...document, id }, version };
    // Versions never change; a small cache keeps resumes and recoveries off the database.
    if (versions.size >= 200) versions.delete(versions.keys().next().value ?? key);
    versions.set(key, loaded);
    return loaded;
  };
  let runner: InProcessRunner | undefined;
  const metrics = registerRunnerMetrics(ctx.metrics, () => {
    if (!runner) throw new Error('runner metrics read before the runner exists');
    return runner.queue;
  });
  const host = createExecutionHost({
    config: ctx.config,
    registry: ctx.registry,
    builtinRegistry: options.builtinRegistry === true,
    log: ctx.log,
  });
  runner = new InProcessRunner({
    ...(host ? { host } : {}),
    dataLimits: dataLimitsOf(ctx.config.executions),
    ...(ctx.config.timezone ? { timezone: ctx.config.timezone } : {}),
    database: ctx.database,
    registry: ctx.registry,
    binary: trackBinaryWrites(createBinaryStore(ctx.config.binaryStore, ctx.config.dataDir)),
    log: ctx.log,
    // Queue mode: processes may share a data dir, and a job's lock (not the id) says who runs it.
    instanceId: ctx.config.queue
      ? `${instanceIdFor(ctx.config.dataDir)}-${ctx.config.queue.role}-${process.pid}`
      : instanceIdFor(ctx.config.dataDir),
    // Resume URLs are webhook URLs: they live on the webhook origin (GUIXU_WEBHOOK_URL).
    publicUrl: ctx.config.webhookUrl,
    maxConcurrency: ctx.config.maxConcurrency,
    maxPending: ctx.config.maxPending,
    loadWorkflow,
    services,
    metrics,
    projects: new ProjectContext({
      projectOf: async (id) => (await workflows.get(id, { includeDeleted: true })).projectId,
      // Looked up when a run needs them: the stores belong to features set up before this one.
      varsFor: (projectId) => ctx.services.get('variables').varsForProject(projectId),
      credentialsFor: (projectId) => ctx.services.get('credentials').providerFor({ projectId }),
    }),
  });
  const latest = (id: string) => loadWorkflow(id, null);
  const db = securityDb(ctx.database);
  const mayCall = (projectId: string | null, id: string) => workflowCallAllowed(db, projectId, id);
  runner.services.subWorkflows = storedSubWorkflows({
    runner,
    registry: ctx.registry,
    loadWorkflow: latest,
    mayCall,
  });
  installErrorWorkflows({
    runner,
    registry: ctx.registry,
    log: ctx.log,
    loadWorkflow: latest,
    mayCall,
    executionUrl: (id) => `${ctx.config.publicUrl}/api/v1/executions/${id}`,
  });
  return { runner, setWaiting: metrics.setWaiting };
}
