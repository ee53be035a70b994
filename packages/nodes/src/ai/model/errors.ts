/**
 * Provider failures as node errors with stable codes: what went wrong, in the user's
 * words, whether a retry can help and after how long. The API key never appears in a
 * message, even when a provider echoes it back.
 */
import { GuixuError } from '@guixu/core';
import { APICallError, InvalidToolInputError, NoObjectGeneratedError, NoSuchToolError } from 'ai';

export interface ModelErrorContext {
  provider: string;
  model: string;
  apiKey: string;
  /** The call's own timeout fired (not the run's cancel). */
  timedOut: boolean;
  timeoutMs: number;
}

export function toModelError(error: unknown, context: ModelErrorContext): GuixuError {
  if (error instanceof GuixuError) return error;
  const where = `${context.provider} model "${context.model}"`;
  const details = { provider: context.provider, model: context.model };
  if (context.timedOut) {
    return new GuixuError('AI_TIMEOUT', `The ${where} did not answer within ${context.timeoutMs} ms`, {
      details,
      retryable: true,
      description: 'Raise the timeout in the model’s options, or try a smaller model or prompt.',
    });
  }
  if (APICallError.isInstance(error)) return fromApiCall(error, where, details, context.apiKey);
  if (InvalidToolInputError.isInstance(error) || NoSuchToolError.isInstance(error)) {
    return new GuixuError(
      'AI_TOOL_ARGUMENTS_INVALID',
      redact(`The model called a tool wrongly: ${error.message}`, context.apiKey),
      {
        details: { ...details, tool: error.toolName },
        description:
          'The model produced arguments that do not fit the tool. A stronger model or a clearer tool description helps.',
      },
    );
  }
  if (NoObjectGeneratedError.isInstance(error)) {
    return new GuixuError(
      'AI_OUTPUT_INVALID',
      `The ${where} answered with JSON that does not fit the schema`,
      {
        details: { ...details, text: error.text?.slice(0, 2000) },
        description: 'Simplify the schema or describe the expected fields in the prompt.',
      },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new GuixuError('AI_PROVIDER_ERROR', redact(`The ${where} failed: ${message}`, context.apiKey), {
    details,
    cause: error,
  });
}

function fromApiCall(
  error: APICallError,
  where: string,
  details: Record<string, unknown>,
  apiKey: string,
): GuixuError {
  const status = error.statusCode;
  const said = redact(error.message, apiKey);
  const withStatus = { ...details, status };
  if (status === 401 || status === 403) {
    return new GuixuError(
      'AI_AUTH_FAILED',
      `The provider refused the API key for the ${where} (HTTP ${status}: ${said})`,
      {
        details: withStatus,
        description: 'Check the API key in the credential.',
      },
    );
  }
  if (status === 404) {
    return new GuixuError('AI_MODEL_UNKNOWN', `The provider does not know the ${where} (HTTP 404: ${said})`, {
      details: withStatus,
      description: 'Pick a model the credential lists (test the credential to see them).',
    });
  }
  if (status === 429) {
    return new GuixuError('AI_RATE_LIMITED', `The provider rate-limited the ${where} (HTTP 429: ${said})`, {
      details: withStatus,
      retryable: true,
      retryAfterMs: retryAfterMs(error.responseHeaders),
      description: 'Lower the request rate, add retries or a fallback model, or raise the account’s limit.',
    });
  }
  if (status === undefined) {
    return new GuixuError(
      'AI_PROVIDER_UNREACHABLE',
      `The ${where} could not be reached at ${error.url} (${said})`,
      {
        details,
        retryable: error.isRetryable,
        description: 'Check the Base URL in the credential and that the server is running.',
      },
    );
  }
  return new GuixuError(
    status >= 500 ? 'AI_PROVIDER_UNAVAILABLE' : 'AI_REQUEST_REJECTED',
    `The ${where} failed (HTTP ${status}: ${said})`,
    {
      details: withStatus,
      retryable: status >= 500 || error.isRetryable,
      retryAfterMs: retryAfterMs(error.responseHeaders),
    },
  );
}

/** `retry-after-ms`, then `Retry-After` in seconds or as an HTTP date. */
export function retryAfterMs(
  headers: Record<string, string> | undefined,
  now = Date.now(),
): number | undefined {
  if (!headers) return undefined;
  const ms = Number.parseFloat(headers['retry-after-ms'] ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers['retry-after'];
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function redact(text: string, apiKey: string): string {
  return apiKey.length >= 4 ? text.split(apiKey).join('***') : text;
}
