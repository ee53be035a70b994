/**
 * Runs the server from this package alone (`tsx packages/server/src/main.ts`):
 * tests start it as a child process; `guixu start` in the CLI does the same.
 */
import { loadConfigOrExit } from './config.ts';
import { hardenProcess } from './harden-process.ts';
import { startServer } from './server.ts';

hardenProcess();
const config = loadConfigOrExit();
try {
  await startServer(config);
} catch (error) {
  process.stderr.write(
    `GuixuFlow could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
