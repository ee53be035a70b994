import type { RunnerEvents } from '../../runner/events.ts';
import type { RunnerEvent } from '../../runner/types.ts';

/** What the hub needs of a connection: the `ws` socket has all of it. */
export interface PushSocket {
  readonly bufferedAmount: number;
  send(data: string): void;
}

export interface PushLimits {
  /** Bytes queued on a socket past which events for it are dropped (and counted). */
  maxBufferedBytes: number;
  /** Subscriptions one client may hold. */
  maxSubscriptions: number;
}

export class PushClient {
  readonly executions = new Set<string>();
  readonly workflows = new Set<string>();
  private dropped = 0;

  constructor(
    private readonly socket: PushSocket,
    private readonly limits: PushLimits,
  ) {}

  get subscriptions(): number {
    return this.executions.size + this.workflows.size;
  }

  wants(event: RunnerEvent): boolean {
    return (
      this.executions.has(event.executionId) ||
      (event.workflowId !== null && this.workflows.has(event.workflowId))
    );
  }

  /**
   * Sends unless the client reads too slowly: then events are dropped and the
   * client is told how many, once it catches up, so memory stays bounded.
   */
  deliver(text: string): void {
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.dropped++;
      return;
    }
    if (this.dropped > 0) {
      this.socket.send(JSON.stringify({ type: 'eventsDropped', count: this.dropped }));
      this.dropped = 0;
    }
    this.socket.send(text);
  }

  send(message: object): void {
    this.socket.send(JSON.stringify(message));
  }
}

/**
 * Fans runner events out to WebSocket clients by subscription. It listens to
 * the runner only while a client is connected, so runs without watchers build
 * no event data.
 */
export class PushHub {
  private readonly clients = new Set<PushClient>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly events: RunnerEvents,
    readonly limits: PushLimits,
  ) {}

  get size(): number {
    return this.clients.size;
  }

  add(socket: PushSocket): PushClient {
    const client = new PushClient(socket, this.limits);
    this.clients.add(client);
    this.unsubscribe ??= this.events.subscribe((event) => this.publish(event));
    return client;
  }

  remove(client: PushClient): void {
    this.clients.delete(client);
    if (this.clients.size === 0) {
      this.unsubscribe?.();
      this.unsubscribe = undefined;
    }
  }

  private publish(event: RunnerEvent): void {
    let text: string | undefined;
    for (const client of this.clients) {
      if (!client.wants(event)) continue;
      text ??= JSON.stringify(event);
      client.deliver(text);
    }
  }
}
