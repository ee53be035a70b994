import {
  type CredentialProvider,
  type EmitOptions,
  type EmitOutcome,
  type EventItem,
  type EventListener,
  type EventTriggerContext,
  GuixuError,
  type Item,
  type NodeRegistry,
  type PlainError,
  toPlainError,
} from '@guixu/core';
import type { Logger } from 'pino';
import type { ExecutionRunner } from '../../runner/types.ts';
import type { ActivatedWorkflow } from '../../triggers.ts';
import { type EventEntry, eventEntries } from './event-entry.ts';

export interface EventBackoff {
  /** First wait before listening again (ms); doubles per failed attempt. */
  baseMs: number;
  maxMs: number;
}

export interface EventTriggerServiceOptions {
  registry: NodeRegistry;
  runner: () => ExecutionRunner;
  /** The credentials a workflow's triggers may use (its project's, then `GUIXU_CREDENTIALS`). */
  credentialsFor(workflowId: string): CredentialProvider;
  log: Logger;
  backoff?: EventBackoff;
}

export type EventListenerState = 'connecting' | 'listening' | 'retrying' | 'closed';

/** What operators and tests see of one listener. */
export interface EventListenerStatus {
  workflowId: string;
  node: string;
  state: EventListenerState;
  /** Failed attempts since the listener last opened. */
  failures: number;
  lastError?: PlainError;
  /** Executions started by this listener (since activation). */
  emitted: number;
}

/** One event trigger node of an active workflow and the listener currently open for it. */
class Slot {
  entry: EventEntry;
  state: EventListenerState = 'connecting';
  failures = 0;
  emitted = 0;
  lastError: PlainError | undefined;
  listener: EventListener | undefined;
  abort = new AbortController();
  timer: NodeJS.Timeout | undefined;
  /** Bumped on every (re)open: a stale listener's `fail` or `emit` is ignored. */
  generation = 0;

  constructor(entry: EventEntry) {
    this.entry = entry;
  }

  status(): EventListenerStatus {
    return {
      workflowId: this.entry.workflowId,
      node: this.entry.node.name,
      state: this.state,
      failures: this.failures,
      emitted: this.emitted,
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }
}

const DEFAULT_BACKOFF: EventBackoff = { baseMs: 1000, maxMs: 60_000 };

/** A first-open failure that a retry can fix (the broker is down); anything else refuses the activation. */
const retryable = (error: unknown) => error instanceof GuixuError && error.retryable;

/**
 * Opens the listeners of event triggers (`NodeDefinition.listen`) while their
 * workflows are active. Activations are registered at once; listeners are
 * open only between `start()` and `stop()` (queue mode runs them on one
 * instance). A listener that reports its connection lost, or cannot open,
 * is opened again after an exponential backoff.
 */
export class EventTriggerService {
  private readonly slots = new Map<string, Slot[]>();
  private started = false;
  backoff: EventBackoff;

  constructor(private readonly options: EventTriggerServiceOptions) {
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
  }

  entriesFor(workflow: ActivatedWorkflow): EventEntry[] {
    return eventEntries(workflow.workflow, workflow, this.options.registry);
  }

  /**
   * Registers the workflow's event triggers (replacing its previous ones). When
   * started, opens the new listeners first: a listener that cannot open for a
   * reason other than the network (wrong password, unknown queue) refuses the
   * activation and leaves the previous listeners running.
   */
  async activate(workflow: ActivatedWorkflow, entries = this.entriesFor(workflow)): Promise<void> {
    const previous = this.slots.get(workflow.id) ?? [];
    const kept = new Map<string, Slot>();
    const fresh: Slot[] = [];
    const next: Slot[] = [];
    for (const entry of entries) {
      const same = previous.find(
        (s) => s.entry.node.id === entry.node.id && s.entry.signature === entry.signature,
      );
      if (same) {
        same.entry = entry;
        kept.set(entry.node.id, same);
        next.push(same);
      } else {
        const slot = new Slot(entry);
        fresh.push(slot);
        next.push(slot);
      }
    }
    if (this.started) {
      const opened = await Promise.allSettled(fresh.map((slot) => this.open(slot, true)));
      const refused = opened.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (refused) {
        await Promise.all(fresh.map((slot) => this.close(slot)));
        throw refused.reason;
      }
    }
    const dropped = previous.filter((s) => !next.includes(s));
    if (next.length > 0) this.slots.set(workflow.id, next);
    else this.slots.delete(workflow.id);
    await Promise.all(dropped.map((slot) => this.close(slot)));
  }

  async deactivate(workflowId: string): Promise<void> {
    const slots = this.slots.get(workflowId) ?? [];
    this.slots.delete(workflowId);
    await Promise.all(slots.map((slot) => this.close(slot)));
  }

  /** Opens every registered listener (feature start; the leader in queue mode). */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    const all = [...this.slots.values()].flat();
    await Promise.all(all.map((slot) => this.open(slot, false)));
  }

  /** Closes every listener and keeps the registrations (shutdown; a leader stepping down). */
  async stop(): Promise<void> {
    this.started = false;
    const all = [...this.slots.values()].flat();
    await Promise.all(all.map((slot) => this.close(slot, 'connecting')));
  }

  /** Whether the workflow has event triggers registered. */
  has(workflowId: string): boolean {
    return this.slots.has(workflowId);
  }

  get running(): boolean {
    return this.started;
  }

  status(workflowId?: string): EventListenerStatus[] {
    const lists = workflowId === undefined ? [...this.slots.values()] : [this.slots.get(workflowId) ?? []];
    return lists.flat().map((slot) => slot.status());
  }

  /**
   * One attempt to open the slot's listener. On failure: with `strict`, a
   * failure a retry cannot fix rejects; otherwise the failure is logged,
   * kept in the status, and a retry is scheduled.
   */
  private async open(slot: Slot, strict: boolean): Promise<void> {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    const generation = ++slot.generation;
    slot.abort = new AbortController();
    slot.state = slot.failures > 0 ? 'retrying' : 'connecting';
    const { entry } = slot;
    const listen = entry.definition.listen;
    if (!listen) return;
    try {
      const listener = await listen(this.contextFor(slot, generation));
      if (generation !== slot.generation) {
        // Closed or replaced while connecting.
        await closeQuietly(listener);
        return;
      }
      slot.listener = listener;
      slot.state = 'listening';
      slot.failures = 0;
      slot.lastError = undefined;
      this.options.log.info(
        { workflowId: entry.workflowId, node: entry.node.name },
        'event trigger listening',
      );
    } catch (error) {
      if (generation !== slot.generation) return;
      if (strict && !retryable(error)) throw asNodeError(error, entry);
      this.failed(slot, generation, error);
    }
  }

  /** The listener's connection is gone: close it, record why, and listen again after the backoff. */
  private failed(slot: Slot, generation: number, error: unknown): void {
    if (generation !== slot.generation || slot.state === 'closed') return;
    slot.generation++;
    const listener = slot.listener;
    slot.listener = undefined;
    slot.abort.abort();
    if (listener) void closeQuietly(listener);
    slot.failures++;
    slot.lastError = toPlainError(asNodeError(error, slot.entry));
    slot.state = 'retrying';
    const delay = Math.min(this.backoff.maxMs, this.backoff.baseMs * 2 ** (slot.failures - 1));
    this.options.log.warn(
      {
        workflowId: slot.entry.workflowId,
        node: slot.entry.node.name,
        failures: slot.failures,
        retryInMs: delay,
        error: slot.lastError,
      },
      'event trigger lost its connection',
    );
    if (!this.started) return;
    slot.timer = setTimeout(() => {
      slot.timer = undefined;
      if (this.started && slot.state === 'retrying') void this.open(slot, false);
    }, delay);
    slot.timer.unref();
  }

  private async close(slot: Slot, state: EventListenerState = 'closed'): Promise<void> {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.generation++;
    slot.state = state;
    slot.abort.abort();
    const listener = slot.listener;
    slot.listener = undefined;
    if (listener) await closeQuietly(listener);
  }

  private contextFor(slot: Slot, generation: number): EventTriggerContext {
    const { entry } = slot;
    const node = entry.node;
    const credentials = this.options.credentialsFor(entry.workflowId);
    const definition = entry.definition;
    const log = this.options.log.child({ workflowId: entry.workflowId, node: node.name });
    return {
      node,
      workflow: entry.workflow,
      workflowId: entry.workflowId,
      params: entry.params,
      signal: slot.abort.signal,
      async credentials<T extends Record<string, unknown>>(name: string): Promise<T> {
        const ref = node.credentials?.[name];
        if (!ref) {
          throw new GuixuError(
            'CREDENTIAL_MISSING',
            `Node "${node.name}" needs a "${name}" credential but none is selected`,
            {
              node: node.name,
              description: 'Pick a credential for this node.',
            },
          );
        }
        const type = definition.credentials?.find((c) => c.name === name)?.types?.[0] ?? name;
        const data = await credentials.get({
          ref,
          type,
          node: node.name,
          executionId: `trigger:${entry.workflowId}`,
        });
        return data as T;
      },
      emit: (items, options) => this.emit(slot, generation, items, options),
      fail: (error) => this.failed(slot, generation, error),
      reportError: (error) => {
        slot.lastError = toPlainError(asNodeError(error, entry, false));
        this.options.log.warn(
          { workflowId: entry.workflowId, node: node.name, error: slot.lastError },
          'event trigger could not handle an event',
        );
      },
      log: (level, message, details) => log[level](details ?? {}, message),
    };
  }

  private async emit(
    slot: Slot,
    generation: number,
    emitted: EventItem[],
    options: EmitOptions = {},
  ): Promise<void> {
    const done = async (outcome: EmitOutcome) => {
      try {
        await options.onDone?.(outcome);
      } catch (error) {
        this.options.log.warn(
          { err: error, workflowId: slot.entry.workflowId },
          'event trigger onDone failed',
        );
      }
    };
    if (generation !== slot.generation || slot.state === 'closed') {
      await done({ status: 'notStarted', ok: false });
      return;
    }
    // The entry of the moment: a save that kept the listener runs the new version.
    const { entry } = slot;
    let handle: Awaited<ReturnType<ExecutionRunner['start']>>;
    try {
      const runner = this.options.runner();
      const hasBinary = emitted.some((item) => item.binary && Object.keys(item.binary).length > 0);
      const executionId = hasBinary ? runner.newExecutionId() : undefined;
      const items = executionId
        ? await withStoredBinary(runner, executionId, emitted)
        : emitted.map((item) => ({ json: item.json }));
      handle = await runner.start({
        ...(executionId ? { executionId } : {}),
        workflow: entry.workflow,
        workflowId: entry.workflowId,
        workflowVersion: entry.workflowVersion,
        mode: 'trigger',
        triggerNode: entry.node.name,
        triggerItems: items,
        trigger: { kind: 'event', node: entry.node.name },
      });
    } catch (error) {
      const plain = toPlainError(error);
      this.options.log.warn(
        { workflowId: entry.workflowId, node: entry.node.name, error: plain },
        'event run failed to start',
      );
      await done({ status: 'notStarted', ok: false, error: plain });
      return;
    }
    slot.emitted++;
    void Promise.all([handle.finished, handle.saved])
      .then(([state]) =>
        done({
          status: state.status,
          ok: state.status === 'success' || state.status === 'waiting',
          executionId: handle.executionId,
          ...(state.error ? { error: state.error } : {}),
        }),
      )
      .catch((error: unknown) =>
        done({ status: 'error', ok: false, executionId: handle.executionId, error: toPlainError(error) }),
      );
  }
}

/** Items with their bytes put in the binary store under the execution they start. */
async function withStoredBinary(
  runner: ExecutionRunner,
  executionId: string,
  emitted: EventItem[],
): Promise<Item[]> {
  const items: Item[] = [];
  for (const item of emitted) {
    if (!item.binary) {
      items.push({ json: item.json });
      continue;
    }
    const binary: NonNullable<Item['binary']> = {};
    for (const [key, value] of Object.entries(item.binary)) {
      binary[key] = await runner.binary.put(value.data, {
        mimeType: value.mimeType ?? 'application/octet-stream',
        executionId,
        ...(value.fileName ? { fileName: value.fileName } : {}),
      });
    }
    items.push({ json: item.json, binary });
  }
  return items;
}

async function closeQuietly(listener: EventListener): Promise<void> {
  try {
    await listener.close();
  } catch {
    // A listener whose connection is already gone has nothing left to release.
  }
}

/** Errors reported by a listener as a node error naming the trigger node. */
function asNodeError(error: unknown, entry: EventEntry, lost = true): GuixuError {
  if (error instanceof GuixuError) {
    error.node ??= entry.node.name;
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  return new GuixuError(
    lost ? 'TRIGGER_CONNECTION_LOST' : 'TRIGGER_EVENT_FAILED',
    `Trigger "${entry.node.name}": ${message}`,
    {
      node: entry.node.name,
      retryable: lost,
      cause: error,
    },
  );
}
