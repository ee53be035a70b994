import { type PushEvent, pushEventSchema } from './push-events.ts';

export interface PushSubscription {
  close(): void;
}

/**
 * Watches executions over `/api/v1/push` (the session cookie signs the
 * socket in). Reconnects with a growing delay while the subscription is open.
 */
export function watchPush(
  filter: { workflowId?: string; executionId?: string },
  onEvent: (event: PushEvent) => void,
  onOpen?: () => void,
): PushSubscription {
  let socket: WebSocket | undefined;
  let closed = false;
  let delay = 500;
  const query = new URLSearchParams();
  if (filter.workflowId) query.set('workflowId', filter.workflowId);
  if (filter.executionId) query.set('executionId', filter.executionId);
  const connect = () => {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    socket = new WebSocket(`${scheme}://${location.host}/api/v1/push?${query}`);
    socket.addEventListener('message', (message) => {
      let data: unknown;
      try {
        data = JSON.parse(String(message.data));
      } catch {
        return;
      }
      const parsed = pushEventSchema.safeParse(data);
      if (!parsed.success) return;
      if (parsed.data.type === 'subscriptions') {
        delay = 500;
        onOpen?.();
      }
      onEvent(parsed.data);
    });
    socket.addEventListener('close', () => {
      if (closed) return;
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 10_000);
    });
  };
  connect();
  return {
    close() {
      closed = true;
      socket?.close();
    },
  };
}
