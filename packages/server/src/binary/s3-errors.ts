import { GuixuError } from '@guixu/core';
import { describeEndpoint, type S3StoreSettings } from './settings.ts';

const DENIED = new Set([
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'AccessDenied',
  'Forbidden',
  'ExpiredToken',
  'InvalidToken',
  'TokenRefreshRequired',
]);
const NETWORK = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
]);

interface SdkErrorShape {
  name?: unknown;
  code?: unknown;
  Code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

function shapeOf(error: unknown): SdkErrorShape {
  return typeof error === 'object' && error !== null ? (error as SdkErrorShape) : {};
}

/**
 * An AWS SDK failure as an operator-facing error with a stable code. Messages
 * name the bucket, the endpoint and the S3 error name; never a credential.
 */
export function s3Error(
  error: unknown,
  settings: S3StoreSettings,
  what: { action: 'check' | 'read' | 'write' | 'delete'; id?: string },
): GuixuError {
  if (error instanceof GuixuError) return error;
  const shape = shapeOf(error);
  const name = typeof shape.name === 'string' ? shape.name : 'Error';
  const code =
    typeof shape.code === 'string' ? shape.code : typeof shape.Code === 'string' ? shape.Code : name;
  const status =
    typeof shape.$metadata?.httpStatusCode === 'number' ? shape.$metadata.httpStatusCode : undefined;
  const where = `bucket "${settings.bucket}" at ${describeEndpoint(settings)}`;
  const details: Record<string, unknown> = { bucket: settings.bucket, s3Error: code };
  if (status !== undefined) details.status = status;
  if (what.id) details.id = what.id;
  const options = { cause: error, details, audience: 'operator' as const };
  if (name === 'NoSuchBucket' || code === 'NoSuchBucket' || (what.action === 'check' && status === 404)) {
    return new GuixuError('BINARY_STORE_BUCKET_MISSING', `The binary data ${where} does not exist`, {
      ...options,
      description: 'Create the bucket, or set GUIXU_S3_BUCKET to one that exists.',
    });
  }
  if (name === 'NoSuchKey' || code === 'NoSuchKey' || status === 404) {
    return new GuixuError(
      'BINARY_NOT_FOUND',
      `Binary data ${what.id ?? ''} was not found (it may have been pruned)`,
      {
        details: { id: what.id },
      },
    );
  }
  if (DENIED.has(name) || DENIED.has(code) || status === 403) {
    return new GuixuError(
      'BINARY_STORE_ACCESS_DENIED',
      `The binary data ${where} refused this process's credentials (${code})`,
      {
        ...options,
        description:
          'Check GUIXU_S3_ACCESS_KEY_ID and GUIXU_S3_SECRET_ACCESS_KEY (or the AWS default chain) and the bucket policy.',
      },
    );
  }
  if (name === 'CredentialsProviderError') {
    return new GuixuError('BINARY_STORE_NO_CREDENTIALS', `No credentials for the binary data ${where}`, {
      ...options,
      description:
        'Set GUIXU_S3_ACCESS_KEY_ID and GUIXU_S3_SECRET_ACCESS_KEY, or give the process an AWS role or profile.',
    });
  }
  if (NETWORK.has(code) || name === 'TimeoutError' || name === 'RequestTimeout') {
    return new GuixuError(
      'BINARY_STORE_UNREACHABLE',
      `The binary data ${where} cannot be reached (${code})`,
      {
        ...options,
        retryable: true,
        description: 'Check GUIXU_S3_ENDPOINT and that the server is up.',
      },
    );
  }
  const label = status === undefined ? code : `${code}, HTTP ${status}`;
  return new GuixuError(
    what.action === 'write' ? 'BINARY_WRITE_FAILED' : 'BINARY_STORE_FAILED',
    `Could not ${what.action} binary data in ${where} (${label})`,
    { ...options, retryable: status === undefined || status >= 500 },
  );
}
