import type { JsonObject, JsonValue } from '@guixu/core';
import type { Redis } from 'ioredis';

/** Reading and writing a key by its type, as n8n's Redis node does ("Key Type"). */
export type KeyType = 'automatic' | 'hash' | 'list' | 'sets' | 'string';

export async function readKey(client: Redis, key: string, keyType: KeyType): Promise<JsonValue> {
  const type = keyType === 'automatic' ? await client.type(key) : keyType;
  switch (type) {
    case 'string':
      return await client.get(key);
    case 'hash':
      return await client.hgetall(key);
    case 'list':
      return await client.lrange(key, 0, -1);
    case 'set':
    case 'sets':
      return await client.smembers(key);
    default:
      // "none": the key does not exist.
      return null;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function members(value: unknown): string[] {
  const list = typeof value === 'string' && value.trim().startsWith('[') ? parseJson(value) : value;
  return (Array.isArray(list) ? list : [list]).map((entry) =>
    typeof entry === 'string' ? entry : JSON.stringify(entry),
  );
}

function hashFields(value: unknown, valueIsJSON: boolean): Record<string, string> {
  const parsed = typeof value === 'string' && valueIsJSON ? parseJson(value) : value;
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TypeError('A hash value must be a JSON object of field names and values');
  }
  const fields: Record<string, string> = {};
  for (const [field, entry] of Object.entries(parsed)) {
    fields[field] = typeof entry === 'string' ? entry : JSON.stringify(entry);
  }
  return fields;
}

function automaticType(value: unknown): Exclude<KeyType, 'automatic'> {
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object' && value !== null) return 'hash';
  return 'string';
}

/** Writes `value` at `key`; `ttl` seconds when given. */
export async function writeKey(
  client: Redis,
  options: { key: string; value: unknown; keyType: KeyType; valueIsJSON: boolean; ttl?: number },
): Promise<void> {
  const { key, value, ttl } = options;
  const type = options.keyType === 'automatic' ? automaticType(value) : options.keyType;
  const multi = client.multi();
  switch (type) {
    case 'string': {
      const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
      if (ttl !== undefined) multi.set(key, text, 'EX', ttl);
      else multi.set(key, text);
      break;
    }
    case 'hash':
      multi.hset(key, hashFields(value, options.valueIsJSON));
      break;
    case 'list':
      multi.rpush(key, ...members(value));
      break;
    case 'sets':
      multi.sadd(key, ...members(value));
      break;
  }
  if (ttl !== undefined && type !== 'string') multi.expire(key, ttl);
  const results = await multi.exec();
  for (const [error] of results ?? []) if (error) throw error;
}

/** INFO as one flat object (numbers where the value is numeric), as n8n outputs it. */
export function parseInfo(text: string): JsonObject {
  const out: JsonObject = {};
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.indexOf(':');
    if (at === -1) continue;
    const raw = line.slice(at + 1);
    const number = Number(raw);
    out[line.slice(0, at)] = raw !== '' && Number.isFinite(number) ? number : raw;
  }
  return out;
}

/** A popped list entry: JSON when it parses, the text otherwise (as n8n). */
export function poppedValue(text: string | null): JsonValue {
  if (text === null) return null;
  const parsed = parseJson(text);
  // parseJson returned the text unchanged or a JSON value from JSON.parse.
  return parsed as JsonValue;
}
