import { Writable } from 'node:stream';
import { noColors } from '../colors.ts';
import { runCli } from '../main.ts';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs `guixu <argv>` in process and captures what it writes (tests). */
export async function captureCli(
  argv: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<CliResult> {
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, done) {
        append(String(chunk));
        done();
      },
    });
  const code = await runCli(argv, {
    out: sink((s) => {
      out += s;
    }),
    err: sink((s) => {
      err += s;
    }),
    paint: { out: noColors, err: noColors },
    cwd: options.cwd,
    env: options.env,
  });
  return { code, out, err };
}
