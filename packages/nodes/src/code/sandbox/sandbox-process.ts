/**
 * Entry point of a sandbox process (forked by sandbox-client.ts). Receives jobs
 * from the workflow host, runs them in isolates and streams back console output,
 * lookups and the result. It exits with its parent.
 */
import { hostToSandboxSchema, type LookupResponse, type SandboxToHost } from './protocol.ts';
import { isolateStats, type RunningJob, runJob } from './isolate-runner.ts';
import { runPythonJob } from './python/python-runner.ts';

const running = new Map<number, RunningJob>();
const pendingLookups = new Map<number, (response: LookupResponse) => void>();
let nextRequestId = 1;

function send(message: SandboxToHost): void {
  process.send?.(message);
}

process.on('message', (raw: unknown) => {
  const parsed = hostToSandboxSchema.safeParse(raw);
  if (!parsed.success) return;
  const message = parsed.data;
  if (message.type === 'lookupResult') {
    pendingLookups.get(message.requestId)?.(message.response);
    pendingLookups.delete(message.requestId);
    return;
  }
  if (message.type === 'cancel') {
    running.get(message.id)?.cancel();
    return;
  }
  if (message.type === 'stats') {
    const { requestId } = message;
    void isolateStats().then((stats) => send({ type: 'stats', requestId, stats }));
    return;
  }
  const { id, job } = message;
  const handle = (job.language === 'python' ? runPythonJob : runJob)(job, {
    log: (level, text) => send({ type: 'log', id, level, message: text }),
    lookup: (request) =>
      new Promise<string>((resolve) => {
        const requestId = nextRequestId++;
        pendingLookups.set(requestId, (response) => resolve(JSON.stringify(response)));
        send({ type: 'lookup', id, requestId, request });
      }),
  });
  running.set(id, handle);
  void handle.done.then((outcome) => {
    running.delete(id);
    if (outcome.kind === 'result') send({ type: 'result', id, json: outcome.json });
    else send({ type: 'failed', id, failure: outcome.failure });
  });
});

process.on('disconnect', () => process.exit(0));
send({ type: 'ready' });
