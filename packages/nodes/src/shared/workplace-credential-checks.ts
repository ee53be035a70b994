import { CallbackCryptoError } from './biz-msg-crypt.ts';

/*
 * The "Test" of the 飞书 / 钉钉 / 企业微信 bot and callback credentials. Nothing is
 * contacted: a group bot's only API posts a message, and for callbacks the
 * platform calls the server. So the test checks what can be checked offline —
 * the webhook URL's form, the secrets' shapes, and a probe through the
 * trigger's own signing and decryption code — and names the field at fault.
 * No message quotes a secret or a webhook URL (it carries the token).
 */

export interface CheckResult {
  ok: boolean;
  message: string;
}

export const refuse = (message: string): CheckResult => ({ ok: false, message });

/** A text field that is blank or has spaces around it (the platforms' values never do). */
export function textProblem(label: string, value: string): string | undefined {
  if (value.trim() === '') return `"${label}" is empty`;
  if (value !== value.trim()) {
    return `"${label}" starts or ends with a space or line break; paste the value without them`;
  }
  return undefined;
}

// --- group bots ---

export const NOTHING_SENT = 'Checked the settings; nothing was sent (the only API posts a message).';

export interface BotWebhookRules {
  platform: string;
  /** The platform's webhook hosts. */
  hosts: readonly string[];
  /** The URL as the platform gives it, for messages: https://oapi.dingtalk.com/robot/send?access_token=… */
  form: string;
  /** What the URL carries that must stay secret, for messages: "the access_token". */
  secret: string;
  /** What is wrong with the path or query of a URL on the platform's host. */
  problem(url: URL): string | undefined;
}

export type WebhookCheck = { ok: false; message: string } | { ok: true; url: URL; warnings: string[] };

/**
 * The webhook URL as the node uses it (`new URL`, then a POST to it as given).
 * On the platform's host it must be https with the platform's path and token.
 * The node posts to any host (a self-hosted relay or proxy), so another host is
 * not refused: only its form is checked and the answer carries a warning.
 */
export function checkBotWebhook(value: string, rules: BotWebhookRules): WebhookCheck {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, message: `"Webhook URL" is not a URL; ${rules.platform} gives it as ${rules.form}` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      ok: false,
      message: `"Webhook URL" must start with https:// (it starts with ${url.protocol}//)`,
    };
  }
  if (rules.hosts.includes(url.hostname)) {
    if (url.protocol !== 'https:') {
      return {
        ok: false,
        message: `"Webhook URL" must start with https://: over http ${rules.secret} and every message would travel unencrypted`,
      };
    }
    const problem = rules.problem(url);
    if (problem) {
      return { ok: false, message: `"Webhook URL" ${problem}; ${rules.platform} gives it as ${rules.form}` };
    }
    return { ok: true, url, warnings: [] };
  }
  const hosts = rules.hosts.join(' or ');
  const warnings = [
    `the Webhook URL's host ${url.hostname} is not ${rules.platform}'s (${hosts}); the node posts to it as given, so only its form was checked: make sure it relays to ${rules.platform}`,
  ];
  if (url.protocol === 'http:') {
    warnings.push(`it uses http://, so ${rules.secret} and every message travel unencrypted`);
  }
  return { ok: true, url, warnings };
}

/** A query parameter the platform's URL must carry (access_token, key), or what is wrong with it. */
export function queryTokenProblem(url: URL, name: string): string | undefined {
  const token = url.searchParams.get(name);
  if (token === null) return `has no ${name}=… in its query`;
  return tokenProblem(token, name);
}

/** An empty token, or the form's "…" placeholder left in place. */
export function tokenProblem(token: string, name: string): string | undefined {
  if (token.trim() === '') return `has an empty ${name}`;
  if (token.includes('…') || token === '...') return `still holds the placeholder "…" as its ${name}`;
  return undefined;
}

/** The test's answer for a bot: what was checked, and any warnings. */
export function botChecked(summary: string, warnings: readonly string[]): CheckResult {
  const warning = warnings.length > 0 ? ` Warning: ${warnings.join('; ')}.` : '';
  return { ok: true, message: `${NOTHING_SENT} ${summary}${warning}` };
}

// --- callbacks ---

const BASE64_43 = /^[A-Za-z0-9+/]{43}$/;

/**
 * The WXBizMsgCrypt EncodingAESKey (WeCom) / aes_key (DingTalk): 43 characters
 * of standard base64, which with "=" appended decode to the 32-byte AES key.
 * The platforms generate letters and digits; a character outside base64 would
 * be skipped or read differently by the two sides' decoders.
 */
export function encodingAesKeyProblem(label: string, value: string): string | undefined {
  if (value.length !== 43) {
    const hint =
      value.length === 44 && value.endsWith('=')
        ? ' (leave out the trailing "=")'
        : value.trim().length === 43
          ? ' (remove the spaces around it)'
          : '';
    return `"${label}" must be 43 characters; it has ${value.length}${hint}`;
  }
  if (!BASE64_43.test(value)) {
    return `"${label}" may hold only letters, digits, "+" and "/" (base64); it has other characters`;
  }
  return undefined;
}

/** The field each of the trigger's refusals points at (none when its message names it). */
export type ProbeLabels = Partial<Record<CallbackCryptoError['code'], string>>;

/** A probe the trigger's own code refused, as a refusal naming the field. */
export function probeFailed(error: unknown, labels: ProbeLabels): CheckResult {
  if (!(error instanceof CallbackCryptoError)) {
    const reason = error instanceof Error ? error.message : String(error);
    return refuse(`The trigger could not open a probe callback made with these settings: ${reason}`);
  }
  const label = labels[error.code];
  const refused = `The trigger refused a probe callback made with these settings: ${error.message}`;
  return refuse(label ? `"${label}": ${refused}` : refused);
}
