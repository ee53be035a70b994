import { ApiError } from '../../api/api-error.ts';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** Codes the app explains in the user's language; others show the server's message (it names the fix). */
const KNOWN = new Set([
  'AUTH_INVALID_CREDENTIALS',
  'AUTH_RATE_LIMITED',
  'PASSWORD_TOO_WEAK',
  'SETUP_ALREADY_DONE',
  'WORKFLOW_INVALID',
  'WORKFLOW_VERSION_CONFLICT',
  'IMPORT_INVALID',
  'NETWORK_ERROR',
  'FORBIDDEN',
]);

export function errorMessage(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    if (KNOWN.has(error.code)) return t(`errors.${error.code}`, { message: error.message });
    return error.message;
  }
  if (error instanceof TypeError) return t('errors.NETWORK_ERROR');
  return error instanceof Error ? error.message : String(error);
}
