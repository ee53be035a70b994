import { startServer } from '@guixu/server';
import { commandConfig, dataDirOption } from '../cli-config.ts';
import { CliError, defineCommand } from '../command.ts';

export const webhook = defineCommand({
  path: ['webhook'],
  summary: 'Take webhook calls and queue their executions (queue mode, behind a load balancer)',
  usage: '',
  options: {
    port: { type: 'string', short: 'p', description: 'Port (GUIXU_PORT, default 5680)' },
    host: { type: 'string', description: 'Host/interface (GUIXU_HOST, default 127.0.0.1)' },
    'data-dir': dataDirOption,
  },
  help: `Queue mode needs GUIXU_QUEUE_URL=redis://… and DATABASE_URL=postgres://… (docs/scaling.md).
A webhook process answers webhooks and queues their executions; it never leads (schedules
and wake-ups stay with the mains) and never runs executions (workers do).`,
  async run({ options }, io) {
    const config = commandConfig(io, options, {
      GUIXU_PROCESS_ROLE: 'webhook',
      GUIXU_PORT: typeof options.port === 'string' ? options.port : undefined,
      GUIXU_HOST: typeof options.host === 'string' ? options.host : undefined,
    });
    if (!config.queue) throw new CliError('guixu webhook runs only in queue mode (set GUIXU_QUEUE_URL)', 2);
    const server = await startServer(config);
    io.err.write(`GuixuFlow webhook process is running at ${server.url}\n`);
    await new Promise<never>(() => {});
    return 0;
  },
});
