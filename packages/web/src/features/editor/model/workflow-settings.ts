import type { WorkflowDoc } from './document.ts';

type Settings = WorkflowDoc['settings'];
export type SaveDataPolicy = '' | 'all' | 'errors' | 'none';

/** The settings dialog's fields as the inputs hold them (empty string: not set). */
export interface SettingsForm {
  timezone: string;
  executionTimeout: string;
  errorWorkflow: string;
  saveDataPolicy: SaveDataPolicy;
  saveManualExecutions: boolean;
  concurrencyLimit: string;
  successUrl: string;
  failureUrl: string;
}
export type SettingsField = 'executionTimeout' | 'concurrencyLimit' | 'successUrl' | 'failureUrl';

interface Callbacks {
  successUrl?: string;
  failureUrl?: string;
}

function callbacksOf(settings: Settings): Callbacks {
  const raw = (settings as { callbacks?: unknown }).callbacks;
  if (!raw || typeof raw !== 'object') return {};
  const { successUrl, failureUrl } = raw as Record<string, unknown>;
  return {
    ...(typeof successUrl === 'string' ? { successUrl } : {}),
    ...(typeof failureUrl === 'string' ? { failureUrl } : {}),
  };
}

export function toSettingsForm(settings: Settings): SettingsForm {
  const callbacks = callbacksOf(settings);
  const timeout = settings.executionTimeout;
  return {
    timezone: settings.timezone ?? '',
    executionTimeout: timeout !== undefined && timeout > 0 ? String(timeout) : '',
    errorWorkflow: settings.errorWorkflow ?? '',
    saveDataPolicy: settings.saveDataPolicy ?? '',
    saveManualExecutions: settings.saveManualExecutions ?? true,
    concurrencyLimit: settings.concurrencyLimit !== undefined ? String(settings.concurrencyLimit) : '',
    successUrl: callbacks.successUrl ?? '',
    failureUrl: callbacks.failureUrl ?? '',
  };
}

const positiveInteger = (text: string) => /^\d+$/.test(text.trim()) && Number(text) > 0;
function httpUrl(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Message keys per field for what the server would refuse. */
export function validateSettings(form: SettingsForm): Partial<Record<SettingsField, string>> {
  const problems: Partial<Record<SettingsField, string>> = {};
  for (const field of ['executionTimeout', 'concurrencyLimit'] as const) {
    if (form[field].trim() !== '' && !positiveInteger(form[field]))
      problems[field] = 'access.settings.badNumber';
  }
  for (const field of ['successUrl', 'failureUrl'] as const) {
    if (form[field].trim() !== '' && !httpUrl(form[field])) problems[field] = 'access.callbacks.badUrl';
  }
  return problems;
}

/** The new settings: the form's fields set or removed, every other key (n8n's, future ones) kept as it was. */
export function applySettingsForm(previous: Settings, form: SettingsForm): Settings {
  const next: Record<string, unknown> = { ...previous };
  const set = (key: string, value: unknown) => {
    if (value === undefined) delete next[key];
    else next[key] = value;
  };
  set('timezone', form.timezone || undefined);
  set('executionTimeout', form.executionTimeout.trim() ? Number(form.executionTimeout) : undefined);
  set('errorWorkflow', form.errorWorkflow || undefined);
  set('saveDataPolicy', form.saveDataPolicy || undefined);
  set('saveManualExecutions', form.saveManualExecutions ? undefined : false);
  set('concurrencyLimit', form.concurrencyLimit.trim() ? Number(form.concurrencyLimit) : undefined);
  const callbacks = {
    ...(form.successUrl.trim() ? { successUrl: form.successUrl.trim() } : {}),
    ...(form.failureUrl.trim() ? { failureUrl: form.failureUrl.trim() } : {}),
  };
  set('callbacks', Object.keys(callbacks).length > 0 ? callbacks : undefined);
  return next as Settings;
}

/** Node.js code a receiver can copy to check a callback's signature. */
export function verifySnippet(header: string): string {
  return [
    "import { createHmac, timingSafeEqual } from 'node:crypto';",
    '',
    '// rawBody: the request body exactly as received (a Buffer or string).',
    'function verify(secret, rawBody, headerValue, toleranceSeconds = 300) {',
    "  const parts = Object.fromEntries(headerValue.split(',').map((p) => p.split('=')));",
    '  const t = Number(parts.t);',
    '  if (!Number.isFinite(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the receiver's code, a template literal in it
    "  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();",
    "  const given = Buffer.from(parts.v1 ?? '', 'hex');",
    '  return given.length === expected.length && timingSafeEqual(given, expected);',
    '}',
    `// verify(process.env.GUIXU_CALLBACK_SECRET, body, req.headers['${header}'])`,
  ].join('\n');
}
