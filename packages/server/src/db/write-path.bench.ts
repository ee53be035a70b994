/**
 * How cheap is saving one execution in full on each backend? Prints numbers,
 * asserts nothing. Run: `npx tsx packages/server/src/db/write-path.bench.ts [sqlite|postgres]`.
 *
 * One execution = insert the row (running) + 3 checkpoints + final update with
 * the run state, in one transaction: webhook → Set → respond, saved in full.
 */
import { randomBytes } from 'node:crypto';
import { openTestDatabase } from '../testing/test-database.ts';
import type { Database } from './dialect.ts';

const RUN_STATE = {
  runData: {
    Webhook: [
      {
        startTime: 1,
        executionTime: 0,
        executionStatus: 'success',
        source: [],
        data: { main: [[{ json: { body: { name: 'x' } } }]] },
      },
    ],
    Set: [
      {
        startTime: 1,
        executionTime: 0,
        executionStatus: 'success',
        source: [{ previousNode: 'Webhook' }],
        data: { main: [[{ json: { greeting: 'Hello x' } }]] },
      },
    ],
  },
  stack: [],
  seq: 3,
};

async function saveWithKysely(database: Database, workflowId: string): Promise<void> {
  const { db, adapter } = database;
  const id = randomBytes(8).toString('hex');
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('executions')
      .values({
        id,
        workflow_id: workflowId,
        workflow_version: 1,
        status: 'running',
        mode: 'webhook',
        started_at: now,
        created_at: now,
      })
      .execute();
    await trx
      .insertInto('execution_checkpoints')
      .values(
        [1, 2, 3].map((seq) => ({
          execution_id: id,
          seq,
          kind: 'node',
          payload: JSON.stringify(RUN_STATE.runData.Set),
          created_at: now,
        })),
      )
      .execute();
    await trx
      .updateTable('executions')
      .set({ status: 'success', finished_at: now, duration_ms: 1, run_state: adapter.json(RUN_STATE) })
      .where('id', '=', id)
      .execute();
  });
}

async function saveWithWriter(database: Database, workflowId: string): Promise<void> {
  const id = randomBytes(8).toString('hex');
  const now = new Date().toISOString();
  await database.executions.write({
    inserts: [
      {
        id,
        workflowId,
        workflowVersion: 1,
        status: 'running',
        mode: 'webhook',
        startedAt: now,
        createdAt: now,
      },
    ],
    checkpoints: [1, 2, 3].map((seq) => ({
      executionId: id,
      seq,
      kind: 'node',
      payload: JSON.stringify(RUN_STATE.runData.Set),
      createdAt: now,
    })),
    updates: [{ id, status: 'success', finishedAt: now, durationMs: 1, runState: RUN_STATE }],
  });
}

async function main() {
  const kind = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
  const test = await openTestDatabase(kind);
  const { db, adapter } = test.database;
  const now = new Date().toISOString();
  await db
    .insertInto('workflows')
    .values({
      id: 'w',
      project_id: null,
      name: 'bench',
      active: adapter.bool(true),
      nodes: '[]',
      connections: '{}',
      settings: '{}',
      pin_data: null,
      meta: null,
      static_data: null,
      version: 1,
      version_id: 'v',
      created_at: now,
      updated_at: now,
      deleted_at: null,
    })
    .execute();
  const seconds = 3;
  for (const [label, save] of [
    ['Kysely transaction each', saveWithKysely],
    ['group-commit writer', saveWithWriter],
  ] as const) {
    for (const concurrency of [1, 50]) {
      let done = 0;
      const end = performance.now() + seconds * 1000;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (performance.now() < end) {
            await save(test.database, 'w');
            done++;
          }
        }),
      );
      console.log(
        `${kind}: ${Math.round(done / seconds)} executions/s saved in full (${label}, ${concurrency} concurrent)`,
      );
    }
  }
  console.log(`rss ${Math.round(process.memoryUsage.rss() / 1e6)} MB`);
  await test.dispose();
}

await main();
