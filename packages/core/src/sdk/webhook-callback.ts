import type { JsonObject } from '../items.ts';

/**
 * A webhook trigger that speaks a platform's callback protocol (飞书 / 钉钉 /
 * 企业微信: URL checks, signatures, encrypted bodies) takes each request itself:
 * it answers the caller, and returns the items (if any) that start a run.
 */
export interface WebhookCallbackRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  query: Record<string, unknown>;
  rawBody: string;
}

export interface WebhookCallbackResult {
  answer: { status: number; contentType: string; body: string };
  /** One run starts with these items; none for URL checks. */
  items?: JsonObject[];
}

export interface WebhookCallbackContext {
  /** The trigger node's parameters as stored. */
  parameters: Record<string, unknown>;
  /** Decrypted data of the node's credential in `slot`. */
  credential(slot: string): Promise<Record<string, unknown>>;
}

/** Throw a GuixuError `WEBHOOK_FORBIDDEN` for a forged or unreadable request. */
export type WebhookCallback = (
  request: WebhookCallbackRequest,
  context: WebhookCallbackContext,
) => Promise<WebhookCallbackResult>;
