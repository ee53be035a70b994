import type { EventItem, JsonObject, JsonValue } from '@guixu/core';
import type { ConsumeMessage } from 'amqplib';

/** AMQP field tables hold buffers, dates and nested tables: plain JSON for the item. */
export function toJson(value: unknown): JsonValue | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (Buffer.isBuffer(value)) return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((v) => toJson(v) ?? null);
  if (typeof value === 'object') {
    const out: JsonObject = {};
    for (const [key, entry] of Object.entries(value)) {
      const json = toJson(entry);
      if (json !== undefined) out[key] = json;
    }
    return out;
  }
  return String(value);
}

function asObject(value: unknown): JsonObject {
  const json = toJson(value);
  return json !== null && typeof json === 'object' && !Array.isArray(json) ? json : {};
}

export interface MessageOptions {
  contentIsBinary?: boolean;
  jsonParseBody?: boolean;
  onlyContent?: boolean;
}

/** n8n's item for a message: `{ fields, properties, content }`; throws when "JSON Parse Body" meets bad JSON. */
export function messageItem(message: ConsumeMessage, options: MessageOptions): EventItem {
  const fields = asObject(message.fields);
  const properties = asObject(message.properties);
  if (options.contentIsBinary) {
    const mimeType =
      typeof message.properties.contentType === 'string' ? message.properties.contentType : undefined;
    return {
      json: { fields, properties },
      binary: { data: { data: message.content, ...(mimeType ? { mimeType } : {}) } },
    };
  }
  const text = message.content.toString();
  const content: JsonValue = options.jsonParseBody ? (JSON.parse(text) as JsonValue) : text;
  if (options.onlyContent) {
    return {
      json:
        content !== null && typeof content === 'object' && !Array.isArray(content) ? content : { content },
    };
  }
  return { json: { fields, properties, content } };
}
