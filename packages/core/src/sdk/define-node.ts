import type { Item, JsonObject, JsonValue, NodeOutputs } from '../items.ts';
import type { BinaryStore, Clock, SubWorkflowRunner, WebhookResponse } from '../ports.ts';
import type { PlainError } from '../errors.ts';
import type { ExecutionMode, ExecutionStatus, NodeLogEntry, NodeRunSource } from '../run-data.ts';
import type { ConnectionType, OnError, Workflow, WorkflowNode } from '../workflow/schema.ts';
import type { EventListener, EventTriggerContext } from './event-trigger.ts';
import type { ParamShape, ParamsOf } from './params.ts';
import type { WebhookCallback } from './webhook-callback.ts';

export type NodeGroup = 'trigger' | 'flow' | 'data' | 'action' | 'ai';

export interface PortSpec {
  type: ConnectionType;
  displayName?: string;
  required?: boolean;
  maxConnections?: number;
}
export type PortList = readonly (ConnectionType | PortSpec)[];

export interface CredentialSlot {
  /** Slot name in `node.credentials`; equal to the credential type name by convention. */
  name: string;
  /** Credential types accepted in this slot (defaults to `[name]`). */
  types?: readonly string[];
  required?: boolean;
  displayOptions?: { show?: Record<string, readonly unknown[]>; hide?: Record<string, readonly unknown[]> };
}

/** What a trigger node is, for the server that fires it. */
export interface TriggerSpec {
  kind: 'manual' | 'schedule' | 'webhook' | 'executeWorkflow' | 'error' | 'form' | 'chat' | 'event';
  /** 'webhook' triggers that speak a platform's callback protocol handle each request here. */
  callback?: WebhookCallback;
}

export type ResumeReason = 'time' | 'webhook' | 'form' | 'approval' | 'subworkflow';

/** Returned by `run` to suspend the execution (Wait and friends). */
export interface SuspendRequest {
  suspend: {
    /** ISO time to resume at; absent means only an external call resumes it. */
    until?: string;
    resumeOn: readonly ResumeReason[];
    /** Plain data kept with the suspended run and handed back to `resume`. */
    data?: JsonObject;
  };
}

export interface NodeRunResult {
  outputs: NodeOutputs;
  hints?: string[];
}

export type NodeResult = NodeOutputs | NodeRunResult | SuspendRequest;

export interface ResumeInput {
  reason: ResumeReason;
  /** Items delivered by the call that resumed the run (webhook body, form answers). */
  items?: Item[];
  /** The `data` the node stored when it suspended. */
  data?: JsonObject;
  /**
   * Reason `subworkflow`: the child execution that ended, and how (the host fills in
   * `status`, `error` and, on success, the child's final items as `items`).
   */
  subWorkflow?: { executionId: string; status?: ExecutionStatus; error?: PlainError };
}

/** Node-specific services injected by the host (HTTP client settings, sandbox pools, …). */
export interface NodeServices {
  binary: BinaryStore;
  clock: Clock;
  subWorkflows?: SubWorkflowRunner;
  /** Set by a webhook-started run: Respond to Webhook hands its answer here. */
  respondToWebhook?: (response: WebhookResponse) => void;
  /** Anything else a host wants to give nodes, by a well-known key. */
  [key: string]: unknown;
}

export interface ExecutionInfo {
  id: string;
  mode: ExecutionMode;
  resumeUrl?: string;
  parentExecutionId?: string;
}

export interface NodeRunContext<P = Record<string, unknown>> {
  readonly node: WorkflowNode;
  readonly workflow: Workflow;
  /**
   * The run's time zone when the host sets an instance default: the workflow's
   * `settings.timezone`, else that default (absent: use `settings.timezone`, else UTC).
   */
  readonly timezone?: string;
  /** Items per main input. */
  readonly inputs: readonly Item[][];
  /** Shortcut for `inputs[0] ?? []`. */
  readonly items: Item[];
  /**
   * Where each main input's items came from in this run (`null`: from outside the
   * workflow, e.g. trigger items), as recorded in the run's `source`. Frozen copies:
   * a node may store them (Loop Over Items puts them in `pairedItem.sourceOverwrite`).
   */
  readonly source: readonly (Readonly<NodeRunSource> | null)[];
  readonly runIndex: number;
  readonly execution: ExecutionInfo;
  readonly signal: AbortSignal;
  readonly onError: OnError;
  readonly services: NodeServices;
  /** Resolved, validated parameters, with expressions evaluated against item `itemIndex` (default 0). */
  params(itemIndex?: number): P;
  /**
   * Resolves a value (expression strings anywhere inside it) against an item.
   * `extra` adds variables for this evaluation only (e.g. `$response`, `$pageCount`).
   */
  evaluate(value: unknown, itemIndex: number, extra?: Record<string, unknown>): unknown;
  /** `$json`, `$input`, `$('Node')`… for an item: what Code-like nodes expose to user code. */
  expressionVariables(itemIndex: number): Record<string, unknown>;
  /** Decrypted data of the credential in `slot`; only this node sees it. */
  credentials<T extends Record<string, unknown> = Record<string, unknown>>(slot: string): Promise<T>;
  /** True when `onError` is not `stopWorkflow`: nodes turn per-item failures into error items. */
  continueOnFail(): boolean;
  /** Captured into the node's run record (`logs`). */
  log(level: NodeLogEntry['level'], message: string): void;
  now(): number;
  /**
   * Plain-JSON state kept for this node across its runs within one execution
   * (Loop Over Items keeps its remaining items here). Checkpointed with the run.
   */
  readonly state: NodeStateAccess;
  /**
   * What the enabled sub-nodes connected to this node's `type` input supply (AI cluster
   * nodes: a root node reaches its model, tools, memory…). Each
   * sub-node's parameters are resolved against this node's input item `itemIndex`.
   * Ordered by input index, then connection order.
   */
  subNodes(type: ConnectionType, itemIndex?: number): Promise<SuppliedData[]>;
  /**
   * The workflow's static data (n8n's `$getWorkflowStaticData`): the live object for
   * `'global'` or for this node (`'node'`). Changes are kept when the node succeeds,
   * and the server stores them when the execution succeeds (not in manual runs).
   */
  workflowStaticData(type: 'global' | 'node'): JsonObject;
}

/** One sub-node's contribution to its root node (see `NodeDefinition.supplyData`). */
export interface SuppliedData {
  /** Name of the sub-node. */
  node: string;
  /** Which input of that type it is connected to (an agent's chat model 0, fallback model 1). */
  inputIndex: number;
  data: unknown;
}

export interface NodeStateAccess {
  get(): JsonValue | undefined;
  set(value: JsonValue | undefined): void;
}

export interface NodeDefinition<S extends ParamShape = ParamShape> {
  /** Permanent identifier, e.g. `guixu.set`. */
  type: string;
  /** Supported type versions; behaviour changes get a new one. */
  version: number | readonly number[];
  displayName: string;
  description: string;
  group: NodeGroup;
  icon?: string;
  /** Default name for a new node of this type. */
  defaultName?: string;
  inputs: PortList | ((params: ParamsOf<S>) => PortList);
  outputs: PortList | ((params: ParamsOf<S>) => PortList);
  /** Labels of the main outputs (e.g. `['true', 'false']`). */
  outputNames?: readonly string[] | ((params: ParamsOf<S>) => readonly string[]);
  credentials?: readonly CredentialSlot[];
  params: S;
  trigger?: TriggerSpec;
  /** Run even when no input received items (triggers always do). */
  alwaysRun?: boolean;
  /** Longer text for `guixu nodes show` and the docs. */
  docs?: string;
  run(ctx: NodeRunContext<ParamsOf<S>>): Promise<NodeResult> | NodeResult;
  /**
   * Sub-nodes (only `ai_*` outputs) hand their root node a value here (a model, a tool,
   * a memory) instead of running on their own. `ctx.inputs` are the root node's inputs.
   */
  supplyData?(ctx: NodeRunContext<ParamsOf<S>>, itemIndex: number): Promise<unknown> | unknown;
  /** Called when a suspended run resumes. Defaults to passing the input items through. */
  resume?(ctx: NodeRunContext<ParamsOf<S>>, input: ResumeInput): Promise<NodeResult> | NodeResult;
  /**
   * Event triggers (`trigger.kind: 'event'`): opens the listener while the workflow is
   * active; throws (a node error naming the server) when it cannot connect. See `event-trigger.ts`.
   */
  listen?(ctx: EventTriggerContext<ParamsOf<S>>): Promise<EventListener>;
}

// biome-ignore lint/suspicious/noExplicitAny: registries hold definitions of every parameter shape
export type AnyNodeDefinition = NodeDefinition<any>;

export function defineNode<const S extends ParamShape>(definition: NodeDefinition<S>): NodeDefinition<S> {
  return definition;
}

export function isSuspend(result: NodeResult): result is SuspendRequest {
  return !Array.isArray(result) && 'suspend' in result;
}

export function outputsOf(result: NodeOutputs | NodeRunResult): NodeOutputs {
  return Array.isArray(result) ? result : result.outputs;
}

export function versionsOf(definition: AnyNodeDefinition): readonly number[] {
  return typeof definition.version === 'number' ? [definition.version] : definition.version;
}

function normalizePorts(list: PortList): PortSpec[] {
  return list.map((entry) => (typeof entry === 'string' ? { type: entry } : entry));
}

/** Ports of a node given its (raw) parameters; dynamic port lists use defaults when a value is an expression. */
export function portsOf(
  definition: AnyNodeDefinition,
  direction: 'inputs' | 'outputs',
  params: Record<string, unknown>,
): PortSpec[] {
  const spec = definition[direction];
  if (typeof spec !== 'function') return normalizePorts(spec);
  const withDefaults: Record<string, unknown> = {};
  for (const [name, param] of Object.entries(definition.params as ParamShape)) {
    const value = params[name];
    withDefaults[name] =
      value === undefined || (typeof value === 'string' && value.startsWith('=')) ? param.default : value;
  }
  return normalizePorts(spec(withDefaults));
}
