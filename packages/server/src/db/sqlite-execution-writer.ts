import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import {
  type CommitGroup,
  type ExecutionUpdate,
  type ExecutionWriter,
  groupCommitWriter,
} from './execution-writer.ts';

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

const UPDATE_COLUMNS = {
  status: 'status',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
  durationMs: 'duration_ms',
  waitTill: 'wait_till',
  error: 'error',
  runState: 'run_state',
  instanceId: 'instance_id',
  heartbeatAt: 'heartbeat_at',
} as const;
type UpdateField = keyof typeof UPDATE_COLUMNS;
const JSON_FIELDS = new Set<UpdateField>(['error', 'runState']);
const FIELDS = Object.keys(UPDATE_COLUMNS) as UpdateField[];

/** Prepared statements in one synchronous transaction per group: no query building on the hot path. */
export function sqliteExecutionWriter(
  native: BetterSqlite3.Database,
): ExecutionWriter & { readonly walCheckpoints: WalCheckpointStats } {
  // Prepared on first write: the tables exist only once migrations ran.
  let commit: CommitGroup | undefined;
  const background = native.memory ? undefined : new BackgroundCheckpoints(native);
  const run = (batch: Parameters<CommitGroup>[0]) => {
    commit ??= prepareCommit(native);
    commit(batch);
    background?.afterCommit();
  };
  const writer = groupCommitWriter((batch) => {
    const hold = background?.hold;
    return hold ? hold.then(() => run(batch)) : run(batch);
  });
  return Object.assign(writer, { walCheckpoints: background?.stats ?? idleStats() });
}

export interface WalCheckpointStats {
  /** Whether a worker thread checkpoints the WAL now (instead of the commit that fills it). */
  background: boolean;
  /** Checkpoints the worker ran, and how many of them restarted the WAL. */
  checkpoints: number;
  restarts: number;
}

const idleStats = (): WalCheckpointStats => ({ background: false, checkpoints: 0, restarts: 0 });

/** Commits per second from which checkpoints move to a worker. */
const BUSY_COMMITS_PER_SECOND = 50;
/** WAL frames (pages) after which the next checkpoint holds commits once so the WAL restarts. */
const RESTART_FRAMES = 8192;
const CHECK_EVERY_MS = 250;
const MAX_HOLD_MS = 1000;
const STUCK_WORKER_MS = 10_000;
const WORKER_IDLE_MS = 10_000;
const DEFAULT_AUTOCHECKPOINT = 1000;

/**
 * WAL checkpoints off the event loop. SQLite checkpoints in the commit that
 * fills the WAL (1,000 pages), and a checkpoint fsyncs: 20–100 ms on a busy
 * disk, during which every request waits (the p99 of saved webhook runs).
 * Under sustained writes a worker thread with its own connection runs PASSIVE
 * checkpoints instead, so the fsyncs happen there. A passive checkpoint never
 * restarts a WAL that is written to meanwhile, so once it holds RESTART_FRAMES
 * commits wait (the event loop does not) for one short checkpoint of what the
 * previous one left, and the next commit starts the WAL over. Durability is
 * unchanged: commits are as durable as before, checkpoints sync the same way.
 * Idle for WORKER_IDLE_MS, the worker exits and SQLite checkpoints as before.
 */
class BackgroundCheckpoints {
  readonly stats = idleStats();
  hold: Promise<void> | undefined;
  private worker: Worker | undefined;
  private ready = false;
  private pending: ((reply: CheckpointReply) => void) | undefined;
  private commits = 0;
  private windowStart = Date.now();
  private lastCheck = 0;
  private frames = 0;
  private requestedAt = 0;
  /** A worker that could not start is not tried again: SQLite keeps checkpointing in commits. */
  private unavailable = false;

  constructor(private readonly native: BetterSqlite3.Database) {}

  afterCommit(): void {
    this.commits++;
    const now = Date.now();
    if (now - this.lastCheck < CHECK_EVERY_MS) return;
    this.lastCheck = now;
    if (!this.worker) {
      if (this.unavailable) return;
      const elapsed = now - this.windowStart;
      if (elapsed < 1000) return;
      const busy = (this.commits * 1000) / elapsed >= BUSY_COMMITS_PER_SECOND;
      this.commits = 0;
      this.windowStart = now;
      if (busy) this.start();
      return;
    }
    if (this.pending && now - this.requestedAt > STUCK_WORKER_MS) {
      // A worker that stopped answering is replaced by SQLite's own checkpoints (see stop).
      void this.worker.terminate();
      return;
    }
    if (!this.ready || this.pending) return;
    // Right after a passive checkpoint little is left to copy: the hold is short.
    this.request(() => {
      if (this.frames >= RESTART_FRAMES) this.restart();
    });
  }

  private restart(): void {
    let release: () => void = () => {};
    this.hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    const hold = this.hold;
    const end = () => {
      if (this.hold === hold) this.hold = undefined;
      release();
    };
    // Commits never wait on the worker for long, even if it stops answering.
    setTimeout(end, MAX_HOLD_MS).unref();
    this.request((reply) => {
      if (reply.ok && reply.log === reply.checkpointed) {
        // Nothing was written meanwhile: the next commit starts the WAL over.
        this.stats.restarts++;
        this.frames = 0;
      }
      end();
    });
  }

  private request(done: (reply: CheckpointReply) => void): void {
    this.pending = (reply) => {
      this.pending = undefined;
      if (reply.ok) {
        this.stats.checkpoints++;
        this.frames = reply.log;
      }
      done(reply);
    };
    this.requestedAt = Date.now();
    this.worker?.postMessage('checkpoint');
  }

  private start(): void {
    const file = this.native.name;
    try {
      if (statSync(file).size === 0) return;
    } catch {
      return;
    }
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const worker = new Worker(CHECKPOINT_WORKER, {
      eval: true,
      workerData: { driver, file, idleMs: WORKER_IDLE_MS },
    });
    worker.unref();
    this.worker = worker;
    worker.on('message', (message: unknown) => {
      if (message === 'ready') {
        this.ready = true;
        this.native.pragma('wal_autocheckpoint = 0');
        // A restarted WAL is cut back to this size (it grows between restarts).
        const pageSize = Number(this.native.pragma('page_size', { simple: true }));
        this.native.pragma(`journal_size_limit = ${RESTART_FRAMES * (pageSize || 4096)}`);
        this.stats.background = true;
        return;
      }
      this.pending?.(checkpointReply(message));
    });
    worker.on('error', () => {});
    worker.on('exit', () => this.stop());
  }

  /** The worker left (idle, or it failed): SQLite checkpoints in commits again. */
  private stop(): void {
    if (!this.ready) this.unavailable = true;
    this.worker = undefined;
    this.ready = false;
    this.stats.background = false;
    this.frames = 0;
    this.commits = 0;
    this.windowStart = Date.now();
    this.pending?.({ ok: false, log: 0, checkpointed: 0 });
    if (this.native.open) this.native.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT}`);
  }
}

interface CheckpointReply {
  ok: boolean;
  /** Frames in the WAL, and how many of them are copied into the database. */
  log: number;
  checkpointed: number;
}

function checkpointReply(message: unknown): CheckpointReply {
  if (typeof message !== 'object' || message === null) return { ok: false, log: 0, checkpointed: 0 };
  const log = 'log' in message && typeof message.log === 'number' ? message.log : 0;
  const checkpointed =
    'checkpointed' in message && typeof message.checkpointed === 'number' ? message.checkpointed : 0;
  return { ok: 'ok' in message && message.ok === true, log, checkpointed };
}

// CommonJS source of the checkpoint worker (an eval worker: no file to ship beside the bundle).
const CHECKPOINT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
let idle;
const rest = () => {
  clearTimeout(idle);
  idle = setTimeout(() => {
    db.close();
    process.exit(0);
  }, workerData.idleMs);
};
parentPort.on('message', () => {
  rest();
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: result.busy === 0, log: result.log, checkpointed: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: String(error) });
  }
});
rest();
parentPort.postMessage('ready');
`;

function prepareCommit(native: BetterSqlite3.Database): CommitGroup {
  const insert = native.prepare(
    `insert into executions (id, project_id, workflow_id, workflow_version, workflow_data, status, mode, trigger,
       parent_execution_id, retry_of, started_at, instance_id, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const checkpoint = native.prepare(
    'insert into execution_checkpoints (execution_id, seq, kind, payload, created_at) values (?, ?, ?, ?, ?)',
  );
  // One statement per combination of updated columns, prepared on first use.
  const updates = new Map<string, BetterSqlite3.Statement>();
  const updateFor = (fields: UpdateField[]) => {
    const key = fields.join(',');
    let statement = updates.get(key);
    if (!statement) {
      const sets = fields.map((f) => `${UPDATE_COLUMNS[f]} = ?`).join(', ');
      statement = native.prepare(`update executions set ${sets} where id = ?`);
      updates.set(key, statement);
    }
    return statement;
  };
  const runUpdate = (u: ExecutionUpdate) => {
    const fields = FIELDS.filter((f) => u[f] !== undefined);
    if (fields.length === 0) return;
    const values = fields.map((f) => (JSON_FIELDS.has(f) ? json(u[f]) : u[f]));
    updateFor(fields).run(...values, u.id);
  };

  return native.transaction((batch: Parameters<CommitGroup>[0]) => {
    for (const e of batch.inserts) {
      insert.run(
        e.id,
        e.projectId ?? null,
        e.workflowId,
        e.workflowVersion,
        json(e.workflowData),
        e.status,
        e.mode,
        json(e.trigger),
        e.parentExecutionId ?? null,
        e.retryOf ?? null,
        e.startedAt ?? null,
        e.instanceId ?? null,
        e.createdAt,
      );
    }
    for (const c of batch.checkpoints) checkpoint.run(c.executionId, c.seq, c.kind, c.payload, c.createdAt);
    for (const u of batch.updates) runUpdate(u);
  });
}
