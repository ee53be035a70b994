import { codeSandbox, FsBinaryStore } from '@guixu/nodes';
import type { ServerContext } from '../context.ts';
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
 */
export function createRunner(ctx: ServerContext): CreatedRunner {
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
  runner = new InProcessRunner({
    database: ctx.database,
    registry: ctx.registry,
    binary: trackBinaryWrites(new FsBinaryStore(ctx.config.dataDir)),
    log: ctx.log,
    instanceId: instanceIdFor(ctx.config.dataDir),
    publicUrl: ctx.config.publicUrl,
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
  runner.services.subWorkflows = storedSubWorkflows({ runner, registry: ctx.registry, loadWorkflow: latest });
  installErrorWorkflows({
    runner,
    registry: ctx.registry,
    log: ctx.log,
    loadWorkflow: latest,
    executionUrl: (id) => `${ctx.config.publicUrl}/api/v1/executions/${id}`,
  });
  return { runner, setWaiting: metrics.setWaiting };
}
