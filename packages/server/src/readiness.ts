import type { Readiness } from '@guixu/api';

/** The optional `/readyz` checks a feature may add (the database and migrations are always checked). */
export type ReadinessCheckName = Exclude<keyof Readiness['checks'], 'database' | 'migrations'>;
export type ReadinessState = 'ok' | 'unreachable';

/** True when the dependency can be used. It may throw or hang: that is `unreachable`. */
export type ReadinessProbe = () => boolean | Promise<boolean>;

/**
 * No probe holds `/readyz` longer than this; one that has not answered by then
 * is `unreachable` (a backstop: probes of remote checks time out sooner themselves).
 */
export const READINESS_TIMEOUT_MS = 4000;

/**
 * Checks of dependencies that only some configurations have (the S3 bucket,
 * the queue's Redis): a feature adds its probe in `setup`, `/readyz` runs
 * them all and reports each by name.
 */
export class ReadinessChecks {
  private readonly probes = new Map<ReadinessCheckName, ReadinessProbe>();

  constructor(private readonly timeoutMs = READINESS_TIMEOUT_MS) {}

  add(name: ReadinessCheckName, probe: ReadinessProbe): void {
    this.probes.set(name, probe);
  }

  /** Every probe at once; never throws. */
  async run(): Promise<Partial<Record<ReadinessCheckName, ReadinessState>>> {
    const results = await Promise.all(
      [...this.probes].map(async ([name, probe]) => [name, await this.state(probe)] as const),
    );
    return Object.fromEntries(results);
  }

  private async state(probe: ReadinessProbe): Promise<ReadinessState> {
    let timer: NodeJS.Timeout | undefined;
    try {
      const late = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), this.timeoutMs);
      });
      return (await Promise.race([Promise.resolve().then(probe), late])) === true ? 'ok' : 'unreachable';
    } catch {
      return 'unreachable';
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * A probe of a remote check (a network round trip) that runs it at most once
 * per `ttlMs`: the result, success or failure, is kept that long after it
 * came, and probes meanwhile share a check in flight. Each check gets an
 * abort signal that fires after `timeoutMs`; a check still running then counts
 * as failed.
 */
export function cachedProbe(
  check: (signal: AbortSignal) => Promise<void>,
  options: {
    ttlMs: number;
    timeoutMs: number;
    onResult?: (ok: boolean, error: unknown) => void;
    now?: () => number;
  },
): ReadinessProbe {
  const now = options.now ?? Date.now;
  let last: { ok: boolean; at: number } | undefined;
  let running: Promise<boolean> | undefined;
  const attempt = async (): Promise<boolean> => {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let ok = false;
    let failure: unknown;
    try {
      const late = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          const error = new Error(`no answer within ${options.timeoutMs} ms`);
          controller.abort(error);
          reject(error);
        }, options.timeoutMs);
      });
      await Promise.race([check(controller.signal), late]);
      ok = true;
    } catch (error) {
      failure = error;
    } finally {
      clearTimeout(timer);
    }
    last = { ok, at: now() };
    try {
      options.onResult?.(ok, failure);
    } catch {
      // A probe never throws.
    }
    return ok;
  };
  return () => {
    if (last && now() - last.at < options.ttlMs) return last.ok;
    running ??= attempt().finally(() => {
      running = undefined;
    });
    return running;
  };
}
