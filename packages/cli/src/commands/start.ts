import { migrate, startServer } from '@guixu/server';
import { commandConfig, dataDirOption } from '../cli-config.ts';
import { defineCommand } from '../command.ts';

export const start = defineCommand({
  path: ['start'],
  summary: 'Start GuixuFlow: API, webhooks, schedules and executions in one process',
  usage: '',
  options: {
    port: { type: 'string', short: 'p', description: 'Port (GUIXU_PORT, default 5680)' },
    host: { type: 'string', description: 'Host/interface (GUIXU_HOST, default 127.0.0.1)' },
    'data-dir': { type: 'string', description: 'Data directory (GUIXU_DATA_DIR, default ~/.guixu)' },
  },
  help: `Configuration comes from GUIXU_* environment variables, DATABASE_URL and a .env file
(in the working directory or the data directory); see the README's configuration table.
Without DATABASE_URL the embedded SQLite database in the data directory is used.`,
  async run({ options }, io) {
    const config = commandConfig(io, options, {
      GUIXU_PORT: typeof options.port === 'string' ? options.port : undefined,
      GUIXU_HOST: typeof options.host === 'string' ? options.host : undefined,
    });
    const server = await startServer(config);
    io.err.write(
      `GuixuFlow is running at ${server.url} (API ${server.url}/api/v1, docs ${server.url}/docs)\n`,
    );
    if (!(await server.ctx.services.get('accounts').ownerExists())) {
      // Every API route needs an account: say how to make the first one.
      io.err.write(
        'No account exists yet. Create the instance owner, then sign in or create an API key:\n' +
          `  curl ${server.url}/api/v1/setup/owner -H 'content-type: application/json' \\\n` +
          `    -d '{"email": "you@example.com", "password": "…", "tokens": "body"}'\n` +
          '  or: GUIXU_OWNER_PASSWORD=… guixu user create-owner --email you@example.com\n',
      );
    }
    // The server keeps the process alive and handles SIGINT/SIGTERM itself.
    await new Promise<never>(() => {});
    return 0;
  },
});

export const dbMigrate = defineCommand({
  path: ['db', 'migrate'],
  summary: 'Apply database migrations (also done by `guixu start`)',
  usage: '',
  options: { 'data-dir': dataDirOption },
  async run({ options }, io) {
    const config = commandConfig(io, options);
    const report = await migrate(config);
    io.out.write(
      report.applied.length > 0
        ? `Applied ${report.applied.length} migration(s): ${report.applied.join(', ')}\n`
        : 'The database is up to date.\n',
    );
    return 0;
  },
});
