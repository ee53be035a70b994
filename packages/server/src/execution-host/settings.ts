import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { integer } from '../config/values.ts';

/** How executions run: the worker pool and its limits, and the run-data size limits. */
export interface ExecutionSettings {
  /** Worker threads executions run in (0: on the HTTP thread, only for embedding and tests of the inline host). */
  workers: number;
  /** Heap cap of each worker thread, MB. */
  memoryMb: number;
  /** CPU time an execution may spend in user logic (expressions, node code on the worker), ms; 0: no limit. */
  cpuLimitMs: number;
  /** Largest output of one node run, bytes (as JSON). */
  nodeOutputBytes: number;
  /** Largest run data of one execution, bytes (as JSON). */
  executionDataBytes: number;
}

const defaultWorkers = () => Math.min(4, Math.max(2, availableParallelism()));

export const executionSettingsSchema = z.object({
  GUIXU_EXECUTION_WORKERS: integer(0, 64).optional(),
  GUIXU_EXECUTION_MEMORY_MB: integer(32, 65_536).default(512),
  GUIXU_EXECUTION_CPU_LIMIT_SECONDS: integer(0, 86_400).default(30),
  GUIXU_NODE_OUTPUT_MAX_MB: integer(1, 4096).default(16),
  GUIXU_EXECUTION_DATA_MAX_MB: integer(1, 65_536).default(64),
});

const MB = 1024 * 1024;

export function executionSettingsFrom(v: z.infer<typeof executionSettingsSchema>): ExecutionSettings {
  return {
    workers: v.GUIXU_EXECUTION_WORKERS ?? defaultWorkers(),
    memoryMb: v.GUIXU_EXECUTION_MEMORY_MB,
    cpuLimitMs: v.GUIXU_EXECUTION_CPU_LIMIT_SECONDS * 1000,
    nodeOutputBytes: v.GUIXU_NODE_OUTPUT_MAX_MB * MB,
    executionDataBytes: v.GUIXU_EXECUTION_DATA_MAX_MB * MB,
  };
}
