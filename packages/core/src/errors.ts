/**
 * One base error for the whole product. Every error has a stable `code`, a human
 * `message`, optional `details`, and says who it is for. Errors become plain
 * `{ code, message, details }` objects at every boundary (run data, HTTP, CLI).
 */
export type ErrorAudience = 'user' | 'operator' | 'bug';

export interface PlainError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
  /** Node the error happened in, when it happened inside a run. */
  node?: string;
  /** Parameter path (e.g. `assignments.assignments[0].value`) when a parameter was at fault. */
  parameter?: string;
  description?: string;
  stack?: string;
}

export interface GuixuErrorOptions {
  details?: Record<string, unknown>;
  cause?: unknown;
  audience?: ErrorAudience;
  retryable?: boolean;
  retryAfterMs?: number;
  node?: string;
  parameter?: string;
  description?: string;
}

export class GuixuError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  readonly audience: ErrorAudience;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  node: string | undefined;
  parameter: string | undefined;
  readonly description: string | undefined;

  constructor(code: string, message: string, options: GuixuErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GuixuError';
    this.code = code;
    this.details = options.details;
    this.audience = options.audience ?? 'user';
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.node = options.node;
    this.parameter = options.parameter;
    this.description = options.description;
  }

  toPlain(): PlainError {
    const plain: PlainError = { code: this.code, message: this.message };
    if (this.details !== undefined) plain.details = this.details;
    if (this.node !== undefined) plain.node = this.node;
    if (this.parameter !== undefined) plain.parameter = this.parameter;
    if (this.description !== undefined) plain.description = this.description;
    return plain;
  }
}

/** A node failed while running. `node` names it. */
export class NodeOperationError extends GuixuError {
  constructor(node: string, message: string, options: Omit<GuixuErrorOptions, 'node'> = {}) {
    super(options.details?.code ? String(options.details.code) : 'NODE_OPERATION_FAILED', message, {
      ...options,
      node,
    });
    this.name = 'NodeOperationError';
  }
}

/** A parameter value (after expressions were resolved) does not fit the node's schema. */
export class ParameterError extends GuixuError {
  constructor(message: string, options: GuixuErrorOptions & { parameter: string }) {
    super('PARAMETER_INVALID', message, options);
    this.name = 'ParameterError';
  }
}

/** Turns anything thrown into a plain error object that is safe to persist and send. */
export function toPlainError(error: unknown, fallbackCode = 'UNEXPECTED_ERROR'): PlainError {
  if (error instanceof GuixuError) return error.toPlain();
  if (error instanceof Error) {
    const plain: PlainError = { code: fallbackCode, message: error.message || error.name };
    if (error.stack) plain.stack = error.stack;
    return plain;
  }
  if (typeof error === 'string') return { code: fallbackCode, message: error };
  return { code: fallbackCode, message: 'Unknown error', details: { value: String(error) } };
}
