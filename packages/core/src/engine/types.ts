import type { PlainError } from '../errors.ts';
import type { Item, JsonObject, JsonValue } from '../items.ts';
import type { CredentialProvider } from '../ports.ts';
import type { NodeRegistry } from '../registry.ts';
import type { ExecutionMode, ExecutionStatus, NodeRunRecord, NodeRunSource, RunData } from '../run-data.ts';
import type { NodeServices, ResumeReason } from '../sdk/define-node.ts';

/**
 * A node run waiting to happen. Inputs are references into run data (`source`),
 * so the stack stays small when persisted; only items that came from outside the
 * workflow (trigger input) travel inline in `items`.
 */
export interface StackEntry {
  node: string;
  /** One per input index: where the items come from, or null (see `items`). */
  source: (NodeRunSource | null)[];
  /** Items for inputs whose source is null (trigger input); absent means empty. */
  items?: (Item[] | null)[];
}

/** A multi-input node collecting its inputs for one run. */
export interface WaitingEntry {
  node: string;
  source: (NodeRunSource | null)[];
}

/** What a suspended (waiting) execution needs to continue. */
export interface SuspendedInfo {
  node: string;
  runIndex: number;
  entry: StackEntry;
  /** ISO time to resume at, or null when only an external call resumes it. */
  waitTill: string | null;
  resumeOn: ResumeReason[];
  data?: JsonObject;
}

/** The whole state of one execution. Plain JSON: it round-trips through JSON.stringify. */
export interface RunState {
  version: 1;
  executionId: string;
  parentExecutionId?: string;
  mode: ExecutionMode;
  status: ExecutionStatus;
  /** ISO times. */
  startedAt: string;
  finishedAt?: string;
  runData: RunData;
  stack: StackEntry[];
  waiting: WaitingEntry[];
  /** NodeRunContext.state values, by node name. */
  nodeState: Record<string, JsonValue>;
  suspended?: SuspendedInfo;
  waitTill?: string | null;
  nodeRunCount: number;
  lastNodeExecuted?: string;
  error?: PlainError;
  /** Number of checkpoints applied since the start state. */
  seq: number;
  /** Run-to-node: only these nodes run, and nothing runs after `destination`. */
  destination?: string;
  allowedNodes?: string[];
  /** Whether pinned data replaces node outputs (manual/cli runs). */
  usePinData: boolean;
  /** Pinned data given at start (overrides `workflow.pinData`). */
  pinData?: Record<string, Item[]>;
  /** Retry-from-failed: stored successful runs reused instead of running again. */
  replay?: { runData: RunData; rerun: string[] };
  /** Run-one-node: stop after this node ran once. */
  runOnly?: string;
  /**
   * The workflow's static data (n8n's `$getWorkflowStaticData`): `global` and
   * `node:<name>` objects, loaded by the host at start; nodes change it.
   */
  staticData?: JsonObject;
  /** Set once a node changed `staticData` (the host saves it when the run succeeds). */
  staticDataChanged?: boolean;
}

/**
 * What one step changed. A store rebuilds the state with `applyCheckpoint` from
 * the start state plus every checkpoint, so checkpoints only carry the delta.
 */
export interface Checkpoint {
  seq: number;
  /** Node that ran ('' when the step ran no node, e.g. a cancel before start). */
  node: string;
  runIndex: number;
  /** Stored at runData[node][runIndex] (replaces the `waiting` record on resume). */
  record?: NodeRunRecord;
  /** Entries removed from the front of the stack. */
  stackShift: number;
  /** Entries added at the front of the stack, in order. */
  stackPush: StackEntry[];
  /** The new multi-input buffers, when they changed. */
  waiting?: WaitingEntry[];
  /** The node's new state, when it changed (`value` absent = cleared). */
  nodeState?: { value?: JsonValue };
  /** True when this step counts as a node run (not a resume). */
  counted: boolean;
  status: ExecutionStatus;
  finishedAt?: string;
  error?: PlainError;
  /** Set when the execution suspended; null when it was resumed. */
  suspended?: SuspendedInfo | null;
  /** The workflow's whole static data, when the node changed it. */
  staticData?: JsonObject;
}

export type EngineEvent =
  | { type: 'nodeStarted'; executionId: string; node: string; runIndex: number }
  | {
      type: 'nodeFinished';
      executionId: string;
      node: string;
      runIndex: number;
      status: NodeRunRecord['executionStatus'];
      /** Item count per output. */
      itemCounts: number[];
      error?: PlainError;
    }
  | { type: 'executionFinished'; executionId: string; status: ExecutionStatus; error?: PlainError }
  | { type: 'executionWaiting'; executionId: string; node: string; waitTill: string | null };

export interface StepContext {
  signal?: AbortSignal;
  /**
   * When the execution last started or resumed running (ms). The workflow timeout
   * counts from it, so time spent waiting does not count (as in n8n). Default: the
   * execution's start; `resume` sets it to the moment it resumes.
   */
  activeSince?: number;
  onCheckpoint?: (checkpoint: Checkpoint) => void | Promise<void>;
  onEvent?: (event: EngineEvent) => void;
}

export interface RunOptions extends StepContext {
  /** Stop (status unchanged, still `running`) after this many node runs in this call. */
  maxSteps?: number;
}

export interface StartOptions {
  executionId: string;
  mode: ExecutionMode;
  /** Node that starts the run (default: the Manual Trigger, else the first trigger, else root nodes). */
  triggerNode?: string;
  /** Items the trigger node receives as its input (default one empty item). */
  triggerItems?: Item[];
  /**
   * What started the run, beyond its items (e.g. a webhook request's `method`): a trigger
   * node the run starts from begins with it as its `ctx.state`, so it is checkpointed with the run.
   */
  trigger?: JsonObject;
  /** The workflow's stored static data (`$getWorkflowStaticData`); default empty. */
  staticData?: JsonObject;
  /** Fixed node outputs; default `workflow.pinData`. Only used in manual and cli modes. */
  pinData?: Record<string, Item[]>;
  /** Run-to-node: run only this node's ancestors and itself. */
  destination?: string;
  /** Run one node from its parents' stored outputs. */
  runOne?: { node: string; previousRunData: RunData };
  /** Retry a failed execution from `node`, reusing the stored outputs of nodes before it. */
  retryFrom?: { node: string; previousRunData: RunData };
  parentExecutionId?: string;
}

export interface EngineOptions {
  registry: NodeRegistry;
  services: NodeServices;
  credentials?: CredentialProvider;
  vars?: Record<string, string>;
  env?: Record<string, string>;
  /** The instance's default time zone for expressions (workflow settings.timezone wins; default UTC). */
  timezone?: string;
  /** Default cap on node runs per execution (workflow settings.maxNodeRuns wins). */
  maxNodeRuns?: number;
  /**
   * Deep-freezes every node's output items (tests): items are shared with the next
   * nodes' inputs, so a node that mutates its input would change recorded run data.
   */
  freezeItems?: boolean;
  /** `$execution.resumeUrl` for a given execution (webhook-resumed waits). */
  resumeUrl?: (executionId: string) => string;
  /** Size limits on run data (JSON size; defaults 16 MB per node output, 64 MB per execution; Infinity: none). */
  dataLimits?: DataLimits;
  /** Host hooks around user logic, so the host can meter the time each execution spends in it. */
  userLogic?: UserLogicMeter;
}

export interface DataLimits {
  nodeOutputBytes?: number;
  executionDataBytes?: number;
}

/**
 * Called around every stretch of user logic an execution runs on this thread
 * (expression evaluation, the synchronous part of a node's run). `enter` may
 * throw a run-stopping GuixuError (`EXECUTION_CPU_LIMIT`) once the execution
 * used up its budget; `exceeded` tells the engine before it starts a node.
 */
export interface UserLogicMeter {
  enter(executionId: string): void;
  leave(executionId: string): void;
  exceeded(executionId: string): PlainError | undefined;
}
