import { GuixuError, NodeOperationError } from '@guixu/core';

/**
 * Driver failures as node errors with stable codes. Messages name the node and
 * the server (host:port), never the credential's password: driver messages
 * are used as they are because PostgreSQL, MySQL and Redis do not echo it.
 */
export type ConnectionFailure = 'CONNECTION_FAILED' | 'AUTH_FAILED' | 'QUERY_FAILED' | 'COMMAND_FAILED';

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
]);

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0]);
  if (error instanceof Error && error.message !== '') return error.message;
  const code = field(error, 'code');
  return typeof code === 'string' ? code : String(error);
}

/** Whether the failure happened before a statement could run (network, timeout, TLS). */
export function isNetworkFailure(error: unknown): boolean {
  const code = field(error, 'code');
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  if (error instanceof AggregateError) return error.errors.some(isNetworkFailure);
  const message = messageOf(error);
  return /timeout|timed out|ECONNREFUSED|Connection terminated|SSL|TLS|certificate/i.test(message);
}

export interface FailureContext {
  node: string;
  /** Product and code prefix, e.g. `{ product: 'PostgreSQL', prefix: 'POSTGRES' }`. */
  product: string;
  prefix: string;
  server: string;
  kind: ConnectionFailure;
  details?: Record<string, unknown>;
  itemIndex?: number;
  /** What to do about a rejected statement or command (default: the SQL / Redis advice). */
  rejectedAdvice?: string;
}

export function connectionError(error: unknown, context: FailureContext): GuixuError {
  if (error instanceof GuixuError) return error;
  const reason = messageOf(error);
  const item = context.itemIndex === undefined ? '' : ` [item ${context.itemIndex}]`;
  const text =
    context.kind === 'QUERY_FAILED' || context.kind === 'COMMAND_FAILED'
      ? `${context.product} rejected the ${context.kind === 'QUERY_FAILED' ? 'query' : 'command'} of node "${context.node}": ${reason}${item}`
      : context.kind === 'AUTH_FAILED'
        ? `Node "${context.node}" could not sign in to ${context.product} at ${context.server}: ${reason}`
        : `Node "${context.node}" could not connect to ${context.product} at ${context.server}: ${reason}`;
  const details: Record<string, unknown> = { code: `${context.prefix}_${context.kind}`, ...context.details };
  if (context.itemIndex !== undefined) details.itemIndex = context.itemIndex;
  return new NodeOperationError(context.node, text, {
    details,
    retryable: context.kind === 'CONNECTION_FAILED',
    description:
      context.rejectedAdvice && (context.kind === 'QUERY_FAILED' || context.kind === 'COMMAND_FAILED')
        ? context.rejectedAdvice
        : context.kind === 'QUERY_FAILED'
          ? 'Check the query and the table and column names.'
          : context.kind === 'COMMAND_FAILED'
            ? 'Check the key and its type.'
            : 'Check the host, port, user and password of the credential, and that the server is reachable.',
  });
}

/** How a node turns its driver's failures into errors: auth, network, or the statement itself. */
export function failureHandler(options: {
  node: string;
  product: string;
  prefix: string;
  server: string;
  isAuthFailure(error: unknown): boolean;
  /** What a failure that is neither auth nor network is. */
  rejected: 'QUERY_FAILED' | 'COMMAND_FAILED';
  details?(error: unknown): Record<string, unknown>;
  rejectedAdvice?: string;
}): (error: unknown, itemIndex?: number) => GuixuError {
  return (error, itemIndex) =>
    connectionError(error, {
      node: options.node,
      product: options.product,
      prefix: options.prefix,
      server: options.server,
      kind: options.isAuthFailure(error)
        ? 'AUTH_FAILED'
        : isNetworkFailure(error)
          ? 'CONNECTION_FAILED'
          : options.rejected,
      details: options.details?.(error),
      itemIndex,
      rejectedAdvice: options.rejectedAdvice,
    });
}
