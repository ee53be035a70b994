import type { MessagePort } from 'node:worker_threads';
import { GuixuError, type PlainError } from '@guixu/core';
import type { Call, WorkerMessage } from './protocol.ts';

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: GuixuError): void;
}

export const errorFromPlain = (plain: PlainError): GuixuError =>
  new GuixuError(plain.code, plain.message, {
    ...(plain.details ? { details: plain.details } : {}),
    ...(plain.node ? { node: plain.node } : {}),
    ...(plain.parameter ? { parameter: plain.parameter } : {}),
    ...(plain.description ? { description: plain.description } : {}),
  });

/**
 * The worker's side of the channel: messages go out in one batch per turn of
 * the event loop (a webhook run's checkpoints and events travel together), and
 * calls to the main thread wait for their `reply`.
 */
export class WorkerOutbox {
  private queue: WorkerMessage[] = [];
  private scheduled = false;
  private nextCallId = 1;
  private readonly calls = new Map<number, PendingCall>();

  constructor(private readonly port: MessagePort) {}

  send(message: WorkerMessage): void {
    this.queue.push(message);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  flush(): void {
    this.scheduled = false;
    if (this.queue.length === 0) return;
    const messages = this.queue;
    this.queue = [];
    this.port.postMessage({ type: 'batch', messages });
  }

  /** Sends now and waits for the main thread's answer. */
  call<T>(
    executionId: string,
    call: Call,
    signal?: AbortSignal,
    onCallId?: (callId: number) => void,
  ): Promise<T> {
    const callId = this.nextCallId++;
    onCallId?.(callId);
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => this.send({ type: 'abortCall', callId });
      signal?.addEventListener('abort', onAbort, { once: true });
      const release = () => signal?.removeEventListener('abort', onAbort);
      this.calls.set(callId, {
        resolve: (value) => {
          release();
          resolve(value as T);
        },
        reject: (error) => {
          release();
          reject(error);
        },
      });
      this.send({ type: 'call', callId, executionId, ...call });
      this.flush();
    });
  }

  /** Sends a checkpoint that must be committed before the run goes on. */
  acknowledged(message: Omit<Extract<WorkerMessage, { type: 'checkpoint' }>, 'ackId'>): Promise<void> {
    const callId = this.nextCallId++;
    return new Promise<void>((resolve, reject) => {
      this.calls.set(callId, { resolve: () => resolve(), reject });
      this.send({ ...message, ackId: callId });
      this.flush();
    });
  }

  reply(callId: number, value: unknown, error: PlainError | undefined): void {
    const call = this.calls.get(callId);
    if (!call) return;
    this.calls.delete(callId);
    if (error) call.reject(errorFromPlain(error));
    else call.resolve(value);
  }
}
