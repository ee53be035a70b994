/** What the heartbeat needs of a connection: the `ws` socket has all of it. */
export interface PingableSocket {
  ping(): void;
  terminate(): void;
  on(event: 'pong', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
}

/**
 * Pings every client each interval; a client that has not answered the
 * previous ping is terminated. A half-open socket (the peer vanished without
 * a FIN: a laptop lid closed, a NAT entry expired) never errors on its own, so
 * without this it would hold its subscriptions and buffers forever.
 */
export class Heartbeat {
  private readonly alive = new Map<PingableSocket, boolean>();
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs: number) {
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
  }

  watch(socket: PingableSocket): void {
    this.alive.set(socket, true);
    socket.on('pong', () => {
      if (this.alive.has(socket)) this.alive.set(socket, true);
    });
    socket.on('close', () => this.alive.delete(socket));
  }

  get size(): number {
    return this.alive.size;
  }

  private tick(): void {
    for (const [socket, answered] of this.alive) {
      if (!answered) {
        this.alive.delete(socket);
        socket.terminate();
        continue;
      }
      this.alive.set(socket, false);
      try {
        socket.ping();
      } catch {
        // The socket is already closing; its close event removes it.
      }
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.alive.clear();
  }
}
