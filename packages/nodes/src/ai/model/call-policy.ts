/**
 * How one model call is made reliable: a per-call timeout, retries with exponential
 * backoff on 429/5xx/unreachable (honouring Retry-After), then the fallback models in
 * order. The SDK's own retries are off so that every attempt is visible here.
 */
import { GuixuError } from '@guixu/core';
import { toModelError } from './errors.ts';

export interface CallPolicy {
  timeoutMs: number;
  maxRetries: number;
  /** First backoff delay; doubles per retry. */
  baseDelayMs: number;
  /** A Retry-After longer than this is not waited for: the call fails (or falls back) at once. */
  maxDelayMs: number;
  /** Injected by tests and hosts; defaults to a timer that the run's cancel interrupts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export const DEFAULT_CALL_POLICY: CallPolicy = {
  timeoutMs: 60_000,
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 60_000,
};

export interface Attempt {
  model: string;
  code?: string;
  /** Delay waited before the next attempt. */
  waitedMs?: number;
}

export interface PolicyCall<T> {
  provider: string;
  apiKey: string;
  /** Primary model first, then the fallbacks. */
  models: readonly string[];
  policy: CallPolicy;
  signal: AbortSignal;
  run(modelId: string, signal: AbortSignal): Promise<T>;
}

export interface PolicyResult<T> {
  value: T;
  model: string;
  attempts: Attempt[];
}

const FALLBACK_CODES = new Set([
  'AI_TIMEOUT',
  'AI_RATE_LIMITED',
  'AI_PROVIDER_UNAVAILABLE',
  'AI_PROVIDER_UNREACHABLE',
  'AI_MODEL_UNKNOWN',
]);

export async function callWithPolicy<T>(call: PolicyCall<T>): Promise<PolicyResult<T>> {
  const attempts: Attempt[] = [];
  const sleep = call.policy.sleep ?? abortableSleep;
  let last: GuixuError | undefined;
  for (const model of call.models) {
    for (let retry = 0; ; retry++) {
      call.signal.throwIfAborted();
      const timeout = AbortSignal.timeout(call.policy.timeoutMs);
      try {
        const value = await call.run(model, AbortSignal.any([call.signal, timeout]));
        attempts.push({ model });
        return { value, model, attempts };
      } catch (error) {
        call.signal.throwIfAborted();
        last = toModelError(error, {
          provider: call.provider,
          model,
          apiKey: call.apiKey,
          timedOut: timeout.aborted,
          timeoutMs: call.policy.timeoutMs,
        });
        const attempt: Attempt = { model, code: last.code };
        attempts.push(attempt);
        const delay = last.retryAfterMs ?? call.policy.baseDelayMs * 2 ** retry;
        if (!last.retryable || retry >= call.policy.maxRetries || delay > call.policy.maxDelayMs) break;
        attempt.waitedMs = delay;
        await sleep(delay, call.signal);
      }
    }
    if (!last || !FALLBACK_CODES.has(last.code)) break;
  }
  const error =
    last ?? new GuixuError('AI_NO_MODEL', 'No model is configured', { description: 'Enter a model name.' });
  throw new GuixuError(error.code, error.message, {
    details: { ...error.details, attempts },
    retryable: error.retryable,
    retryAfterMs: error.retryAfterMs,
    description: error.description,
    cause: error,
  });
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
