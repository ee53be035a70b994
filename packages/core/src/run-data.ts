import type { PlainError } from './errors.ts';
import type { Item } from './items.ts';

/** Why an execution started. */
export type ExecutionMode =
  | 'manual'
  | 'cli'
  | 'trigger'
  | 'webhook'
  | 'schedule'
  | 'retry'
  | 'error'
  | 'subworkflow'
  | 'chat'
  | 'internal';

export type ExecutionStatus = 'new' | 'running' | 'waiting' | 'success' | 'error' | 'canceled';

/** Where one input of a node run came from. */
export interface NodeRunSource {
  previousNode: string;
  previousNodeOutput?: number;
  previousNodeRun?: number;
}

export interface NodeLogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  /** Milliseconds since the epoch. */
  time: number;
}

/** One run of one node. Plain JSON, persisted as-is in checkpoints. */
export interface NodeRunRecord {
  /** Milliseconds since the epoch. */
  startTime: number;
  /** Milliseconds the node took (all tries). */
  executionTime: number;
  executionStatus: 'success' | 'error' | 'canceled' | 'waiting' | 'disabled' | 'pinned';
  /** One entry per input index (null for an input that received nothing). */
  source: (NodeRunSource | null)[];
  /** Output items per connection type and output index. */
  data?: { main: Item[][] };
  error?: PlainError;
  /** Console output and node logs, captured (Code node, …). */
  logs?: NodeLogEntry[];
  /** Tries used when `retryOnFail` was on. */
  tries?: number;
  hints?: string[];
}

/** node name → runs in order (index = run index). */
export type RunData = Record<string, NodeRunRecord[]>;
