import type { EventListener, EventTriggerContext } from '@guixu/core';
import type { ImapFlow, SearchObject } from 'imapflow';
import { type MailItemOptions, mailItem } from './mail-items.ts';

/**
 * Watches one mailbox: on open and on every EXISTS the server pushes (IDLE),
 * searches with the rules, fetches the messages not seen before and emits
 * them as one execution. "Mark as read" flags them once that execution
 * succeeded, so a failed run leaves its mail unread. With "track last message
 * id" later searches start above the highest UID emitted.
 */
export interface WatchOptions extends MailItemOptions {
  mailbox: string;
  criteria: SearchObject;
  markAsRead: boolean;
  trackLastMessageId: boolean;
  /** Minutes after which the connection is renewed (0: never). */
  forceReconnect: number;
  /** Where the highest UID emitted is kept across reconnections of this trigger. */
  lastUid: { get(): number | undefined; set(uid: number): void };
}

export async function watchMailbox(
  ctx: EventTriggerContext<unknown>,
  client: ImapFlow,
  options: WatchOptions,
): Promise<EventListener> {
  let closed = false;
  let lastUid = options.trackLastMessageId ? options.lastUid.get() : undefined;
  const inFlight = new Set<number>();
  let queue: Promise<void> = Promise.resolve();

  const fail = (error: unknown) => {
    if (!closed) ctx.fail(error);
  };

  async function fetchNew(): Promise<void> {
    if (closed) return;
    const query: SearchObject = { ...options.criteria };
    if (options.trackLastMessageId && lastUid !== undefined) query.uid = `${lastUid + 1}:*`;
    const found = (await client.search(query, { uid: true })) || [];
    // `n:*` always matches the highest UID, even below n.
    const uids = found.filter((uid) => !inFlight.has(uid) && (lastUid === undefined || uid > lastUid));
    if (uids.length === 0) return;
    const sources: { uid: number; source: Buffer }[] = [];
    for await (const message of client.fetch(uids, { uid: true, source: true }, { uid: true })) {
      if (message.source) sources.push({ uid: message.uid, source: message.source });
    }
    if (sources.length === 0) return;
    sources.sort((a, b) => a.uid - b.uid);
    const items = [];
    for (const { uid, source } of sources) items.push(await mailItem(source, uid, options));
    const emitted = sources.map((entry) => entry.uid);
    if (options.trackLastMessageId) {
      lastUid = Math.max(lastUid ?? 0, ...emitted);
      options.lastUid.set(lastUid);
    }
    for (const uid of emitted) inFlight.add(uid);
    ctx.log('debug', `emitting ${emitted.length} new message(s)`, { mailbox: options.mailbox });
    await ctx.emit(items, {
      onDone: async (outcome) => {
        try {
          if (outcome.ok && options.markAsRead && !closed) {
            await client.messageFlagsAdd(emitted, ['\\Seen'], { uid: true });
          }
        } catch (error) {
          ctx.log('warn', 'could not mark the emitted mail as read', {
            reason: error instanceof Error ? error.message : String(error),
          });
        } finally {
          for (const uid of emitted) inFlight.delete(uid);
        }
      },
    });
  }

  const check = (): Promise<void> => {
    queue = queue.then(fetchNew).catch(fail);
    return queue;
  };

  client.on('exists', () => void check());
  client.on('error', fail);
  client.on('close', () => fail(new Error(`the IMAP connection closed (mailbox "${options.mailbox}")`)));
  const renew =
    options.forceReconnect > 0
      ? setInterval(
          () => fail(new Error('renewing the IMAP connection (Force Reconnect)')),
          options.forceReconnect * 60_000,
        )
      : undefined;
  renew?.unref();

  await check();
  return {
    async close() {
      closed = true;
      if (renew) clearInterval(renew);
      await queue.catch(() => undefined);
      await client.logout().catch(() => client.close());
    },
  };
}
