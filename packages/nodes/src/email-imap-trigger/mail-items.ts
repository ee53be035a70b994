import type { EventBinary, EventItem, JsonObject, JsonValue } from '@guixu/core';
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';

/** How a message becomes an item: the formats of n8n's Email Trigger (IMAP). */
export type MailFormat = 'simple' | 'resolved' | 'raw';

export interface MailItemOptions {
  format: MailFormat;
  downloadAttachments: boolean;
  /** Binary property prefix: attachments are `<prefix>0`, `<prefix>1`… */
  attachmentPrefix: string;
}

/** Any parsed value as plain JSON: dates as ISO text, maps as objects, bytes left out. */
function plain(value: unknown): JsonValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return undefined;
  if (value instanceof Map) return plain(Object.fromEntries(value));
  if (Array.isArray(value)) return value.map((entry) => plain(entry) ?? null);
  if (typeof value === 'object') {
    const out: JsonObject = {};
    for (const [key, entry] of Object.entries(value)) {
      const converted = plain(entry);
      if (converted !== undefined) out[key] = converted;
    }
    return out;
  }
  return undefined;
}

function addressText(value: AddressObject | AddressObject[] | undefined): string | undefined {
  if (!value) return undefined;
  return Array.isArray(value) ? value.map((entry) => entry.text).join(', ') : value.text;
}

const TOP_LEVEL = new Set(['cc', 'date', 'from', 'subject', 'to']);

/** n8n's "simple" format: the main headers at the top, the others under `metadata`, both bodies. */
function simple(mail: ParsedMail): JsonObject {
  const json: JsonObject = {};
  const metadata: JsonObject = {};
  for (const line of mail.headerLines) {
    const value = line.line.slice(line.line.indexOf(':') + 1).trim();
    if (TOP_LEVEL.has(line.key)) json[line.key] = value;
    else if (!(line.key in metadata)) metadata[line.key] = value;
  }
  json.from = addressText(mail.from) ?? json.from ?? null;
  json.to = addressText(mail.to) ?? json.to ?? null;
  if (mail.cc) json.cc = addressText(mail.cc) ?? null;
  json.subject = mail.subject ?? null;
  json.date = mail.date ? mail.date.toISOString() : (json.date ?? null);
  json.metadata = metadata;
  json.textPlain = mail.text ?? null;
  json.textHtml = typeof mail.html === 'string' ? mail.html : null;
  return json;
}

/** n8n's "resolved" format: mailparser's result, attachments moved to binary data. */
function resolved(mail: ParsedMail): JsonObject {
  const { attachments: _attachments, headerLines: _lines, ...rest } = mail;
  const json = plain(rest);
  return json !== null && typeof json === 'object' && !Array.isArray(json) ? json : {};
}

export async function mailItem(source: Buffer, uid: number, options: MailItemOptions): Promise<EventItem> {
  if (options.format === 'raw') return { json: { uid, raw: source.toString('base64') } };
  const mail = await simpleParser(source);
  const json = options.format === 'simple' ? simple(mail) : resolved(mail);
  json.uid = uid;
  if (!options.downloadAttachments || mail.attachments.length === 0) return { json };
  const binary: Record<string, EventBinary> = {};
  mail.attachments.forEach((attachment, index) => {
    binary[`${options.attachmentPrefix}${index}`] = {
      data: attachment.content,
      mimeType: attachment.contentType,
      ...(attachment.filename ? { fileName: attachment.filename } : {}),
    };
  });
  return { json, binary };
}
