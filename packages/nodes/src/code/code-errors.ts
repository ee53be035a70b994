/**
 * Errors of the Code node, worded like n8n's (imported workflows and their
 * users expect ` [line N]` on messages from user code and `[item N]` on
 * result-shape problems), each with a stable code.
 */
import { GuixuError } from '@guixu/core';
import type { SandboxLimits } from './sandbox/config.ts';
import type { SandboxFailure, UserError } from './sandbox/protocol.ts';

/** A result-shape problem (n8n's ValidationError). */
export function invalidResult(
  node: string,
  message: string,
  description: string,
  where: { itemIndex?: number; lineNumber?: number } = {},
): GuixuError {
  let suffix = '';
  if (where.lineNumber !== undefined && where.itemIndex !== undefined) {
    suffix = ` [line ${where.lineNumber}, for item ${where.itemIndex}]`;
  } else if (where.lineNumber !== undefined) {
    suffix = ` [line ${where.lineNumber}]`;
  } else if (where.itemIndex !== undefined) {
    suffix = ` [item ${where.itemIndex}]`;
  }
  return new GuixuError('CODE_INVALID_RESULT', `${message}${suffix}`, {
    node,
    parameter: 'jsCode',
    description,
    details: { ...where },
  });
}

/** User code threw (or rejected). */
export function userCodeError(node: string, error: UserError, itemIndex?: number): GuixuError {
  const line = error.line === undefined ? '' : ` [line ${error.line}]`;
  const details: Record<string, unknown> = { errorType: error.name ?? 'Error' };
  if (error.line !== undefined) details.lineNumber = error.line;
  if (error.column !== undefined) details.column = error.column;
  if (itemIndex !== undefined) details.itemIndex = itemIndex;
  return new GuixuError('CODE_EXECUTION_FAILED', `${error.message || 'Unknown error'}${line}`, {
    node,
    parameter: 'jsCode',
    description: error.name && error.name !== 'Error' ? error.name : undefined,
    details,
  });
}

/** The sandbox could not finish the run: time or memory limit, syntax error, crash. */
export function sandboxError(node: string, failure: SandboxFailure, limits: SandboxLimits): GuixuError {
  switch (failure.reason) {
    case 'timeout':
      return new GuixuError('CODE_TIMEOUT', `Code execution timed out after ${formatMs(limits.timeoutMs)}`, {
        node,
        parameter: 'jsCode',
        description:
          'Look for endless loops or slow work in the code. The limit is set with GUIXU_CODE_TIMEOUT_MS.',
        details: { timeoutMs: limits.timeoutMs },
      });
    case 'memory':
      return new GuixuError(
        'CODE_MEMORY_LIMIT',
        `Code used more than its memory limit of ${limits.memoryMb} MB`,
        {
          node,
          parameter: 'jsCode',
          description:
            'Work on fewer items at a time or keep less data in memory. The limit is set with GUIXU_CODE_MEMORY_MB.',
          details: { memoryMb: limits.memoryMb },
        },
      );
    case 'syntax': {
      const line = failure.line === undefined ? '' : ` [line ${failure.line}]`;
      return new GuixuError('CODE_SYNTAX_ERROR', `${failure.message}${line}`, {
        node,
        parameter: 'jsCode',
        description: 'SyntaxError',
        details: { lineNumber: failure.line, column: failure.column },
      });
    }
    case 'canceled':
      return new GuixuError('EXECUTION_CANCELED', 'The execution was canceled', { node });
    default:
      return new GuixuError('CODE_SANDBOX_FAILED', `The code sandbox failed: ${failure.message}`, {
        node,
        audience: 'operator',
        retryable: true,
      });
  }
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
