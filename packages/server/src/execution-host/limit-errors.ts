import { GuixuError } from '@guixu/core';

/** The execution used up its CPU-time budget for user logic (expressions, node code on the worker). */
export function cpuLimitError(budgetMs: number): GuixuError {
  return new GuixuError(
    'EXECUTION_CPU_LIMIT',
    `The execution used more than ${budgetMs / 1000} s of CPU time in expressions and node code and was stopped`,
    {
      details: { limitMs: budgetMs },
      description:
        'Look for an endless loop or a regular expression that backtracks catastrophically; an operator can raise GUIXU_EXECUTION_CPU_LIMIT_SECONDS.',
    },
  );
}

/** The worker thread running the execution ran out of heap. */
export function memoryLimitError(heapMb: number): GuixuError {
  return new GuixuError(
    'EXECUTION_MEMORY_LIMIT',
    `The execution used more memory than its worker allows (${heapMb} MB) and was stopped`,
    {
      details: { limitMb: heapMb },
      description:
        'Process fewer or smaller items per execution, keep large payloads in binary data, or ask an operator to raise GUIXU_EXECUTION_MEMORY_MB.',
    },
  );
}

/** The worker stopped for another reason (a crash of the thread, not of the run). */
export function workerLostError(reason: string): GuixuError {
  return new GuixuError('EXECUTION_WORKER_LOST', `The worker running the execution stopped: ${reason}`, {
    audience: 'operator',
    details: { reason },
  });
}
