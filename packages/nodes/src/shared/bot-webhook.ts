import { type JsonObject, type JsonValue, NodeOperationError } from '@guixu/core';

/**
 * Posting to a workplace group bot (飞书 / 钉钉 / 企业微信): one JSON POST to the
 * webhook; the platforms answer HTTP 200 with an error code in the body, which
 * becomes a node error with the platform's code and message.
 */
export interface BotPost {
  node: string;
  platform: string;
  url: string;
  body: unknown;
  /** The platform's (code, message) pair from its JSON answer. */
  result(answer: JsonObject): { code: number; message: string };
  /** What a code means, in words, when the platform's message is terse. */
  hint?(code: number): string | undefined;
  secrets: string[];
  signal: AbortSignal;
  itemIndex: number;
}

function redact(text: string, secrets: string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join('***');
  return out;
}

export async function postToBot(post: BotPost): Promise<JsonObject> {
  const fail = (message: string, code: string, extra: Record<string, unknown> = {}) =>
    new NodeOperationError(post.node, redact(message, post.secrets), {
      details: { code, itemIndex: post.itemIndex, ...extra },
    });
  let response: Response;
  try {
    response = await fetch(post.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(post.body),
      signal: post.signal,
    });
  } catch (error) {
    if (post.signal.aborted) throw error;
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw fail(`Could not reach the ${post.platform} webhook${cause}`, 'BOT_UNREACHABLE');
  }
  const text = await response.text();
  let answer: JsonValue | undefined;
  try {
    // JSON.parse yields JSON values only.
    answer = JSON.parse(text) as JsonValue;
  } catch {
    answer = undefined;
  }
  if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
    throw fail(
      `The ${post.platform} webhook answered HTTP ${response.status} without JSON: ${text.slice(0, 200)}`,
      'BOT_BAD_RESPONSE',
    );
  }
  const record: JsonObject = answer;
  const { code, message } = post.result(record);
  if (!response.ok || code !== 0) {
    const hint = post.hint?.(code);
    throw fail(
      `${post.platform} refused the message (code ${code}): ${message}${hint ? ` (${hint})` : ''}`,
      'BOT_MESSAGE_REFUSED',
      { platformCode: code, status: response.status },
    );
  }
  return record;
}

/** A JSON object parameter (a card), or a clear error. */
export function jsonObject(value: unknown, node: string, parameter: string, itemIndex: number) {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = undefined;
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new NodeOperationError(node, `"${parameter}" must be a JSON object`, {
      parameter,
      details: { code: 'BOT_CARD_INVALID', itemIndex },
    });
  }
  return parsed;
}
