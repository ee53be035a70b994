import { describe, expect, it } from 'vitest';
import { RunnerEvents } from '../../runner/events.ts';
import { PushHub } from './push-hub.ts';

/** A socket whose reader is as slow as the test says (`bufferedAmount`). */
class SlowSocket {
  bufferedAmount = 0;
  readonly sent: string[] = [];
  send(data: string) {
    this.sent.push(data);
  }
}

describe('push hub', () => {
  it('drops events for a client that reads too slowly, then tells it how many', () => {
    const events = new RunnerEvents();
    const hub = new PushHub(events, { maxBufferedBytes: 100, maxSubscriptions: 10 });
    const socket = new SlowSocket();
    const client = hub.add(socket);
    client.workflows.add('w');
    const event = (node: string) =>
      events.emit({ type: 'nodeStarted', executionId: 'e', workflowId: 'w', node, runIndex: 0 });
    event('A');
    socket.bufferedAmount = 1000;
    event('B');
    event('C');
    socket.bufferedAmount = 0;
    event('D');
    expect(socket.sent.map((s) => JSON.parse(s))).toEqual([
      expect.objectContaining({ node: 'A' }),
      { type: 'eventsDropped', count: 2 },
      expect.objectContaining({ node: 'D' }),
    ]);
  });

  it('listens to the runner only while a client is connected', () => {
    const events = new RunnerEvents();
    const hub = new PushHub(events, { maxBufferedBytes: 100, maxSubscriptions: 10 });
    expect(events.observed).toBe(false);
    const client = hub.add(new SlowSocket());
    expect(events.observed).toBe(true);
    hub.remove(client);
    expect(events.observed).toBe(false);
  });
});
