import { FsBinaryStore } from '@guixu/nodes';
import type { ServerContext } from '../context.ts';
import { instanceIdFor } from './instance-id.ts';
import { InProcessRunner, type LoadedWorkflow } from './runner.ts';
import { trackBinaryWrites } from './tracked-binary-store.ts';

/** The runner of this server: binary data in the data dir, workflows loaded through the workflows service. */
export function createRunner(ctx: ServerContext): InProcessRunner {
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
  return new InProcessRunner({
    database: ctx.database,
    registry: ctx.registry,
    binary: trackBinaryWrites(new FsBinaryStore(ctx.config.dataDir)),
    log: ctx.log,
    instanceId: instanceIdFor(ctx.config.dataDir),
    publicUrl: ctx.config.publicUrl,
    maxConcurrency: ctx.config.maxConcurrency,
    maxPending: ctx.config.maxPending,
    loadWorkflow,
  });
}
