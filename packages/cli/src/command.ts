import type { Writable } from 'node:stream';
import type { Colors } from './colors.ts';

/** Where a command writes: results to `out`, progress and errors to `err`. */
export interface CommandIO {
  out: Writable;
  err: Writable;
  /** Colours for each stream, decided per stream (colors.ts): `paint.err` may be on while `out` goes to a file. */
  paint: { out: Colors; err: Colors };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  description: string;
  multiple?: boolean;
  default?: string | boolean;
}

export interface Command {
  /** Words that select the command, e.g. `['workflow', 'run']`. */
  path: readonly string[];
  summary: string;
  /** Positional arguments, e.g. `<file>`. */
  usage: string;
  options: Record<string, OptionSpec>;
  /** Longer help text with examples. */
  help?: string;
  /** Returns the process exit code. */
  run(
    args: { positionals: string[]; options: Record<string, string | boolean | string[] | undefined> },
    io: CommandIO,
  ): Promise<number>;
}

export function defineCommand(command: Command): Command {
  return command;
}

/** A user-facing CLI failure: printed as one paragraph, no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
