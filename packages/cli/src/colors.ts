import pc from 'picocolors';

/** picocolors' functions, on (ANSI codes) or off (text as is). */
export type Colors = ReturnType<typeof pc.createColors>;

/**
 * Whether to colour what goes to one stream: `FORCE_COLOR` (any value but
 * `0`/`false`) turns colours on and wins, as in Node; a non-empty `NO_COLOR`
 * turns them off (no-color.org); otherwise the stream must be a terminal.
 * Decided per stream, so errors on a terminal stay coloured while the output
 * goes to a file.
 */
export function colorsFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export function paint(enabled: boolean): Colors {
  return pc.createColors(enabled);
}

export const noColors: Colors = paint(false);
