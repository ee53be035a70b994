import { startServer } from '@guixu/server';
import { commandConfig, dataDirOption } from '../cli-config.ts';
import { CliError, defineCommand } from '../command.ts';

const QUEUE_HELP = `Queue mode needs GUIXU_QUEUE_URL=redis://… and DATABASE_URL=postgres://… (the same
values on every main, worker and webhook process); see docs/scaling.md.`;

export const worker = defineCommand({
  path: ['worker'],
  summary: 'Run executions from the queue (queue mode: GUIXU_QUEUE_URL and PostgreSQL)',
  usage: '[--concurrency N]',
  options: {
    concurrency: {
      type: 'string',
      short: 'c',
      description: 'Executions run at once (GUIXU_WORKER_CONCURRENCY, default 10)',
    },
    port: { type: 'string', short: 'p', description: 'Port of /healthz and /metrics (GUIXU_PORT)' },
    'data-dir': dataDirOption,
  },
  help: `${QUEUE_HELP}
A worker takes execution ids from BullMQ and runs them from their last checkpoint;
SIGTERM stops taking jobs and waits for the running ones (GUIXU_SHUTDOWN_TIMEOUT_SECONDS).`,
  async run({ options }, io) {
    const concurrency = typeof options.concurrency === 'string' ? options.concurrency : undefined;
    const config = commandConfig(io, options, {
      GUIXU_PROCESS_ROLE: 'worker',
      GUIXU_WORKER_CONCURRENCY: concurrency,
      GUIXU_PORT: typeof options.port === 'string' ? options.port : undefined,
    });
    if (!config.queue) throw new CliError(`guixu worker runs only in queue mode.\n${QUEUE_HELP}`, 2);
    const server = await startServer(config);
    io.err.write(
      `GuixuFlow worker is running ${config.queue.workerConcurrency} at once (health ${server.url}/healthz)\n`,
    );
    await new Promise<never>(() => {});
    return 0;
  },
});
