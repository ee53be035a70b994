import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';

function open(url: string, headers: Record<string, string>, options: { autoPong: boolean }) {
  const socket = new WebSocket(url, { headers, autoPong: options.autoPong });
  const opened = new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  let pings = 0;
  socket.on('ping', () => {
    pings += 1;
  });
  return { socket, opened, closed, pings: () => pings };
}

describe('push heartbeat', () => {
  let t: TestApp;
  let url: string;
  let headers: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { env: { GUIXU_PUSH_PING_SECONDS: '2' } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    if (typeof address !== 'object' || address === null) throw new Error('not listening');
    url = `ws://127.0.0.1:${address.port}/api/v1/push`;
    headers = t.owner?.headers ?? {};
  });
  afterAll(async () => t.dispose());

  it('closes a client that stops answering pings (a half-open socket) and keeps one that answers', async () => {
    const answering = open(url, headers, { autoPong: true });
    const silent = open(url, headers, { autoPong: false });
    await Promise.all([answering.opened, silent.opened]);
    // The server terminates the silent socket (no close frame: 1006) after one unanswered ping.
    expect(await silent.closed).toBe(1006);
    expect(silent.pings()).toBeGreaterThanOrEqual(1);
    // Pinged in the same ticks, the answering client is still connected.
    expect(answering.pings()).toBeGreaterThanOrEqual(1);
    expect(answering.socket.readyState).toBe(WebSocket.OPEN);
    answering.socket.close();
    await answering.closed;
  });
});
