import { ConfigError, loadConfig, type ServerConfig } from '@guixu/server';
import { CliError, type CommandIO, type OptionSpec } from './command.ts';

/** The option every command that opens the instance's data offers. */
export const dataDirOption: OptionSpec = { type: 'string', description: 'Data directory (GUIXU_DATA_DIR)' };

type Options = Record<string, string | boolean | string[] | undefined>;

/**
 * The server's configuration for a command: environment, `.env` files and
 * `--data-dir` (plus any other flags given as variables); a bad value is a
 * usage error (exit code 2) naming the variable.
 */
export function commandConfig(
  io: CommandIO,
  options: Options,
  overrides: Record<string, string | undefined> = {},
): ServerConfig {
  const dataDir = options['data-dir'];
  try {
    return loadConfig({
      cwd: io.cwd,
      env: io.env,
      overrides: { GUIXU_DATA_DIR: typeof dataDir === 'string' ? dataDir : undefined, ...overrides },
    });
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message, 2);
    throw error;
  }
}
