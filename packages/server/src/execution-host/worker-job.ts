import type { GuixuError } from '@guixu/core';
import type { HostedRun } from './host.ts';

/** One hosted run on its way through the pool (it may move to another worker if its worker dies). */
export interface WorkerJob {
  run: HostedRun;
  resolve(): void;
  reject(error: GuixuError): void;
  /** Workers it was handed to so far. */
  attempts: number;
  /** CPU ms of user logic used on workers that died under it. */
  usedMs: number;
}
