import type { Checkpoint, RunState } from '@guixu/core';
import type { CheckpointInsert, ExecutionInsert, ExecutionWriter } from '../db/execution-writer.ts';
import type { SaveDataPolicy } from './types.ts';

export interface RecorderOptions {
  writer: ExecutionWriter;
  policy: SaveDataPolicy;
  /** The execution row as inserted (status `running` or `new`). */
  row: ExecutionInsert;
  /** The row exists already (resume, recovery): everything is written as it happens. */
  existing?: boolean;
  /**
   * Queue mode: after a write failed, nothing more is written (no later checkpoint, no
   * outcome), so the database keeps a gapless prefix of the run and the execution stays
   * `running` for another worker to continue from there, as after a crash.
   */
  stopAfterLostWrite?: boolean;
  onWriteError(error: unknown): void;
}

/** A step checkpoint kept back (not yet serialised) until the outcome says whether it is written. */
interface Kept {
  checkpoint: Checkpoint;
  createdAt: string;
}

/** The start state is checkpoint 0; node steps follow with the engine's own `seq`. */
export const START_KIND = 'start';
export const STEP_KIND = 'step';

/**
 * Saves one execution through the group-commit writer. With the policy `all`
 * the row and every checkpoint are queued as they happen (never awaited per
 * node); with `errors`/`none` they are kept in memory and written only when
 * the outcome must be kept (a failure under `errors`, and always a wait, since
 * a waiting execution lives in the database). Each checkpoint is serialised
 * once, here: at once when it is written as it happens; a kept-back one only
 * if it is written at all (a successful run under `errors` serialises nothing
 * but its start state, which the engine changes in place). A checkpoint is
 * never changed after the engine emitted it, so serialising it later stores
 * the same thing.
 */
export class ExecutionRecorder {
  private live: boolean;
  private buffered: (CheckpointInsert | Kept)[] = [];
  private detached = false;
  private lost = false;
  private inserted: Promise<void> = Promise.resolve();
  /** Queue mode: a write is being committed, and the writes queued behind it (one merged batch). */
  private inFlight = false;
  private next: QueuedWrite | undefined;

  constructor(private readonly options: RecorderOptions) {
    this.live = options.existing === true;
  }

  get saved(): boolean {
    return this.live;
  }

  /** Queues the row and the start state; written at once under `all`, else kept until the outcome is known. */
  begin(start: RunState): Promise<void> {
    const checkpoint: CheckpointInsert = {
      executionId: this.options.row.id,
      seq: start.seq,
      kind: START_KIND,
      payload: JSON.stringify(start),
      createdAt: this.options.row.createdAt,
    };
    if (this.options.policy === 'all') {
      this.live = true;
      this.inserted = this.write({ inserts: [this.options.row], checkpoints: [checkpoint] });
    } else {
      this.buffered.push(checkpoint);
    }
    return this.inserted;
  }

  /** Writes the row now whatever the policy (an execution queued for a slot must survive a restart). */
  persistNow(): Promise<void> {
    if (this.live) return this.inserted;
    this.live = true;
    const checkpoints = this.takeBuffered();
    this.inserted = this.write({ inserts: [this.options.row], checkpoints });
    return this.inserted;
  }

  /**
   * Queues a node's checkpoint. When the execution is saved as it runs, the
   * returned promise settles once the group commit holding it is done: the
   * engine waits for it before the next node, so a crash re-runs only the node
   * that was running, never one that finished. The commit is shared with every
   * other execution's writes of that tick, so this is not a round trip per node.
   */
  checkpoint(checkpoint: Checkpoint): Promise<void> | undefined {
    if (this.detached || this.stopped) return undefined;
    const createdAt = new Date().toISOString();
    if (!this.live) {
      this.buffered.push({ checkpoint, createdAt });
      return undefined;
    }
    const entry: CheckpointInsert = {
      executionId: this.options.row.id,
      seq: checkpoint.seq,
      kind: STEP_KIND,
      payload: JSON.stringify(checkpoint),
      createdAt,
    };
    return this.write({ checkpoints: [entry] });
  }

  /** Marks a saved execution that waited in the queue as `running` now. */
  running(instanceId: string, startedAt: string): void {
    const row = this.options.row;
    if (row.status !== 'new') return;
    row.status = 'running';
    row.startedAt = startedAt;
    row.instanceId = instanceId;
    if (!this.live || this.detached) return;
    void this.write({
      updates: [{ id: row.id, status: 'running', startedAt, instanceId, heartbeatAt: startedAt }],
    });
  }

  /** Saves the outcome; resolves once it is committed (or dropped by the policy). */
  async finish(state: RunState): Promise<void> {
    if (this.detached || this.stopped) return;
    const keep =
      this.live ||
      state.status === 'waiting' ||
      (this.options.policy === 'errors' && state.status !== 'success');
    if (!keep) {
      this.buffered = [];
      return;
    }
    const waiting = state.status === 'waiting';
    const finishedAt = state.finishedAt ?? null;
    const update = {
      id: this.options.row.id,
      status: state.status,
      finishedAt: waiting ? null : finishedAt,
      durationMs: waiting || !finishedAt ? null : Date.parse(finishedAt) - Date.parse(state.startedAt),
      waitTill: waiting ? (state.waitTill ?? null) : null,
      error: state.error ?? null,
      instanceId: null,
    };
    if (this.live) {
      await this.write({ updates: [update] });
      return;
    }
    this.live = true;
    const checkpoints = this.takeBuffered();
    await this.write({ inserts: [this.options.row], checkpoints, updates: [update] });
  }

  private get stopped(): boolean {
    return this.lost && this.options.stopAfterLostWrite === true;
  }

  /** Stops writing (shutdown left it for recovery, or it was deleted). */
  detach(): void {
    this.detached = true;
    this.buffered = [];
  }

  private takeBuffered(): CheckpointInsert[] {
    const executionId = this.options.row.id;
    const out = this.buffered.map((entry): CheckpointInsert => {
      if (!('checkpoint' in entry)) return entry;
      const { checkpoint, createdAt } = entry;
      return {
        executionId,
        seq: checkpoint.seq,
        kind: STEP_KIND,
        payload: JSON.stringify(checkpoint),
        createdAt,
      };
    });
    this.buffered = [];
    return out;
  }

  private write(batch: WriteBatch): Promise<void> {
    if (this.options.stopAfterLostWrite !== true) return this.send(batch);
    // In order: a write goes to the writer only once the one before it committed. The engine does not
    // wait for a checkpoint before a node that may run again, so without this a later checkpoint could
    // commit after an earlier one was lost (PostgreSQL came back in between), and the gap would stop
    // every worker from rebuilding the run ("Checkpoint 2 does not follow state at 0"). Writes that
    // arrive while one is in flight go together in the next one: no more commits than before.
    if (this.next) {
      mergeInto(this.next.batch, batch);
      return this.next.done;
    }
    let resolve!: () => void;
    const entry = { batch: mergeInto({}, batch), done: new Promise<void>((r) => (resolve = r)), resolve };
    if (this.inFlight) this.next = entry;
    else this.start(entry);
    return entry.done;
  }

  private start(entry: QueuedWrite): void {
    this.inFlight = true;
    // After a lost write nothing more is written: the database keeps a gapless prefix.
    const sent = this.lost ? Promise.resolve() : this.send(entry.batch);
    void sent.then(() => {
      entry.resolve();
      this.inFlight = false;
      const next = this.next;
      this.next = undefined;
      if (next) this.start(next);
    });
  }

  private async send(batch: WriteBatch): Promise<void> {
    try {
      await this.options.writer.write(batch);
    } catch (error) {
      this.lost = true;
      this.options.onWriteError(error);
    }
  }
}

type WriteBatch = Parameters<ExecutionWriter['write']>[0];

interface QueuedWrite {
  batch: WriteBatch;
  done: Promise<void>;
  resolve: () => void;
}

/** Appends `from`'s rows to `into` (the writer commits inserts, then checkpoints, then updates in order). */
function mergeInto(into: WriteBatch, from: WriteBatch): WriteBatch {
  if (from.inserts?.length) into.inserts = [...(into.inserts ?? []), ...from.inserts];
  if (from.checkpoints?.length) into.checkpoints = [...(into.checkpoints ?? []), ...from.checkpoints];
  if (from.updates?.length) into.updates = [...(into.updates ?? []), ...from.updates];
  return into;
}
