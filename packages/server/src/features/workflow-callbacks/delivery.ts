import type { Logger } from 'pino';
import { SIGNATURE_HEADER, signCallback } from './signature.ts';
import type { CallbackStore, Delivery } from './store.ts';

export interface DeliveryOptions {
  /** First retry delay; each next one doubles, up to an hour. */
  baseDelayMs: number;
  maxAttempts: number;
  timeoutMs: number;
}

/**
 * Sends the outbox: each callback is POSTed with its signature; a failure
 * (network, timeout, non-2xx) is retried with exponential backoff, and the row
 * stays in the database until it is delivered, so a restart resumes it.
 */
export class CallbackDelivery {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly sending = new Set<string>();
  private stopped = false;

  constructor(
    private readonly store: CallbackStore,
    private readonly options: DeliveryOptions,
    private readonly log: Pick<Logger, 'warn'>,
  ) {}

  /** Schedules every pending callback (at start, after a restart). */
  async resume(): Promise<void> {
    for (const delivery of await this.store.pending()) this.schedule(delivery);
  }

  schedule(delivery: Delivery): void {
    if (this.stopped || this.timers.has(delivery.id) || this.sending.has(delivery.id)) return;
    const wait = Math.max(0, Date.parse(delivery.next_attempt_at) - Date.now());
    const timer = setTimeout(() => {
      this.timers.delete(delivery.id);
      void this.send(delivery);
    }, wait);
    timer.unref();
    this.timers.set(delivery.id, timer);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private async send(delivery: Delivery): Promise<void> {
    this.sending.add(delivery.id);
    let error: string | undefined;
    try {
      const secret = await this.store.secret(delivery.workflow_id);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (secret)
        headers[SIGNATURE_HEADER] = signCallback(secret, delivery.payload, Math.floor(Date.now() / 1000));
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers,
        body: delivery.payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.body?.cancel().catch(() => undefined);
      if (!response.ok) error = `HTTP ${response.status}`;
    } catch (cause) {
      error =
        cause instanceof Error
          ? cause.cause instanceof Error
            ? cause.cause.message
            : cause.message
          : String(cause);
    }
    try {
      if (error === undefined) {
        await this.store.delivered(delivery.id);
        return;
      }
      const attempts = delivery.attempts + 1;
      const delay = Math.min(this.options.baseDelayMs * 2 ** (attempts - 1), 3_600_000);
      const next =
        attempts < this.options.maxAttempts ? new Date(Date.now() + delay).toISOString() : undefined;
      await this.store.retryLater(delivery.id, attempts, next, error);
      this.log.warn(
        { workflowId: delivery.workflow_id, executionId: delivery.execution_id, attempts, error },
        next ? 'workflow callback failed; retrying' : 'workflow callback failed; giving up',
      );
      if (next) {
        this.sending.delete(delivery.id);
        this.schedule({ ...delivery, attempts, next_attempt_at: next });
      }
    } catch (storeError) {
      // The database is gone (shutdown): the row stays pending and the next start sends it.
      this.log.warn({ err: storeError, deliveryId: delivery.id }, 'workflow callback outbox unavailable');
    } finally {
      this.sending.delete(delivery.id);
    }
  }
}
