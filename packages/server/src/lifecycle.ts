/**
 * Shutdown hooks. `drain` hooks run first, while HTTP stops accepting and
 * in-flight requests finish (stop triggers, finish or checkpoint running
 * executions); `close` hooks run after HTTP is closed, before the database.
 */
export type ShutdownPhase = 'drain' | 'close';

export interface ShutdownHook {
  name: string;
  phase: ShutdownPhase;
  run(): Promise<void> | void;
}

export interface LifecycleLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export class Lifecycle {
  private readonly hooks: ShutdownHook[] = [];
  private stopping = false;

  onShutdown(hook: ShutdownHook): void {
    this.hooks.push(hook);
  }

  get shuttingDown(): boolean {
    return this.stopping;
  }

  markStopping(): void {
    this.stopping = true;
  }

  /** Runs a phase's hooks in reverse registration order; a failing hook is logged, never blocks the others. */
  async runPhase(phase: ShutdownPhase, log: LifecycleLogger): Promise<void> {
    const hooks = this.hooks.filter((h) => h.phase === phase).reverse();
    for (const hook of hooks) {
      try {
        await hook.run();
      } catch (error) {
        log.error({ err: error, hook: hook.name }, 'shutdown hook failed');
      }
    }
  }
}
