import { GuixuError } from '@guixu/core';

/** Where a failed request was going, for messages users can act on. */
export interface RequestTarget {
  url: URL;
  proxy?: URL;
  timeoutMs: number;
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

function origin(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

/** Turns a Node network error into a GuixuError with a stable code and a clear message. */
export function networkError(error: unknown, target: RequestTarget, signal?: AbortSignal): GuixuError {
  if (error instanceof GuixuError) return error;
  const code = codeOf(error);
  const raw = error instanceof Error ? error.message : String(error);
  const via = target.proxy ? ` through proxy ${origin(target.proxy)}` : '';
  const details = { url: target.url.href, systemCode: code ?? null };
  if (signal?.aborted || code === 'ABORT_ERR' || (error instanceof Error && error.name === 'AbortError')) {
    return new GuixuError('HTTP_CANCELLED', `Request to ${target.url.href} was cancelled`, {
      cause: error,
      details,
    });
  }
  if (code === 'ERR_INVALID_CHAR' || code === 'ERR_INVALID_HTTP_TOKEN') {
    return new GuixuError('HTTP_HEADER_INVALID', `Cannot send this request: ${raw}`, {
      cause: error,
      details,
      description: 'Header names may not contain spaces, and header values may not contain line breaks.',
    });
  }
  if (code === 'ECONNREFUSED') {
    const where = target.proxy ? `proxy ${origin(target.proxy)}` : origin(target.url);
    return new GuixuError('HTTP_CONNECTION_REFUSED', `Could not connect to ${where}: connection refused`, {
      cause: error,
      details,
      retryable: true,
      description: 'Check that the server is running and that the URL and port are right.',
    });
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    const host = target.proxy ? target.proxy.hostname : target.url.hostname;
    return new GuixuError('HTTP_HOST_NOT_FOUND', `Could not resolve host "${host}"`, {
      cause: error,
      details,
      retryable: code === 'EAI_AGAIN',
      description: 'Check the spelling of the host name and your DNS settings.',
    });
  }
  if (code === 'HTTP_TIMEOUT' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') {
    return new GuixuError(
      'HTTP_TIMEOUT',
      `No response from ${origin(target.url)}${via} within ${target.timeoutMs} ms`,
      {
        cause: error,
        details,
        retryable: true,
        description: 'Raise the "Timeout" option if the server is slow.',
      },
    );
  }
  if (code && TLS_CODES.has(code)) {
    return new GuixuError('HTTP_TLS_ERROR', `TLS check failed for ${origin(target.url)}: ${raw}`, {
      cause: error,
      details,
      description:
        'Fix the server certificate, or enable "Ignore SSL Issues (Insecure)" for a trusted server.',
    });
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || raw === 'socket hang up') {
    return new GuixuError(
      'HTTP_CONNECTION_RESET',
      `Connection to ${origin(target.url)}${via} was closed before the response was complete`,
      { cause: error, details, retryable: true },
    );
  }
  return new GuixuError('HTTP_REQUEST_FAILED', `Request to ${target.url.href}${via} failed: ${raw}`, {
    cause: error,
    details,
    retryable: true,
  });
}

/** A timeout error shaped like a Node system error, so `networkError` maps it. */
export function timeoutError(): Error & { code: string } {
  return Object.assign(new Error('timeout'), { code: 'HTTP_TIMEOUT' });
}
