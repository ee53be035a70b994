import type { EventTriggerContext, JsonObject } from '@guixu/core';
import type { Redis } from 'ioredis';

interface StreamParams {
  stream: string;
  group: string;
  consumer: string;
  options: { startFrom?: 'end' | 'start'; batchSize?: number };
}

type Entry = [id: string, fields: string[]];

/** XREADGROUP's reply for one stream: `[[stream, [[id, [field, value, …]], …]]]` or null. */
function entriesOf(reply: unknown): Entry[] {
  if (!Array.isArray(reply)) return [];
  const first: unknown = reply[0];
  if (!Array.isArray(first) || !Array.isArray(first[1])) return [];
  const out: Entry[] = [];
  for (const entry of first[1] as unknown[]) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string') continue;
    const fields = Array.isArray(entry[1]) ? entry[1].map(String) : [];
    out.push([entry[0], fields]);
  }
  return out;
}

const BLOCK_MS = 5_000;

function message(fields: string[]): JsonObject {
  const out: JsonObject = {};
  for (let i = 0; i + 1 < fields.length; i += 2) out[fields[i]] = fields[i + 1];
  return out;
}

/**
 * Reads the stream as a consumer of its group until the connection closes:
 * first this consumer's pending entries (left by a failed execution or a
 * dropped connection), then new ones. Each batch's executions finish before
 * the next read; a successful one is acknowledged (XACK).
 */
export function readStream(
  client: Redis,
  ctx: EventTriggerContext<StreamParams>,
  state: { isClosing(): boolean; lost(error: unknown): void },
): { ready: Promise<void> } {
  const { stream, group, consumer, options } = ctx.params;
  const count = options.batchSize ?? 10;
  const ready = client
    .xgroup('CREATE', stream, group, options.startFrom === 'start' ? '0' : '$', 'MKSTREAM')
    .catch((error: unknown) => {
      if (!(error instanceof Error && error.message.startsWith('BUSYGROUP'))) throw error;
    })
    .then(() => undefined);
  const handle = async (entries: Entry[]) => {
    const finished = entries.map(
      ([id, fields]) =>
        new Promise<void>((resolve) => {
          void ctx.emit([{ json: { stream, id, message: message(fields) } }], {
            async onDone(outcome) {
              if (outcome.ok) await client.xack(stream, group, id).catch(() => undefined);
              resolve();
            },
          });
        }),
    );
    await Promise.all(finished);
  };
  const loop = async () => {
    await ready;
    // This consumer's pending entries first (from '0', then after the last one seen), then new ones ('>').
    let pendingAfter: string | undefined = '0';
    while (!state.isClosing()) {
      const args: (string | number)[] = ['GROUP', group, consumer, 'COUNT', count];
      if (pendingAfter === undefined) args.push('BLOCK', BLOCK_MS);
      args.push('STREAMS', stream, pendingAfter ?? '>');
      const entries = entriesOf(await client.call('XREADGROUP', ...args));
      if (pendingAfter !== undefined)
        pendingAfter = entries.length > 0 ? entries[entries.length - 1][0] : undefined;
      if (entries.length > 0) await handle(entries);
    }
  };
  loop().catch((error: unknown) => state.lost(error));
  return { ready };
}
