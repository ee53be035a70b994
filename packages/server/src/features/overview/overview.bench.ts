/**
 * How fast is the overview on a busy instance? Seeds executions spread over
 * 60 days and times `queryOverview` (14 days) for an owner (every project)
 * and for a member of one project. Prints numbers, asserts nothing.
 * Run: `npx tsx packages/server/src/features/overview/overview.bench.ts [sqlite|postgres] [executions]`.
 */
import { performance } from 'node:perf_hooks';
import type { Database } from '../../db/dialect.ts';
import type { Actor } from '../../security/policy.ts';
import { type BackendKind, openTestDatabase } from '../../testing/test-database.ts';
import { queryOverview } from './query.ts';

const kinds: BackendKind[] =
  process.argv[2] === 'sqlite' || process.argv[2] === 'postgres' ? [process.argv[2]] : ['sqlite', 'postgres'];
const TOTAL = Number(process.argv[3] ?? 200_000);
const PROJECTS = ['p1', 'p2', 'p3', 'p4'];
const STATUSES = ['success', 'success', 'success', 'error', 'canceled'];
const DAY = 86_400_000;

async function seed(database: Database): Promise<void> {
  const { db, adapter } = database;
  const now = new Date().toISOString();
  const workflows = PROJECTS.flatMap((project, p) =>
    Array.from({ length: 5 }, (_, i) => ({
      id: `w${p}-${i}`,
      project_id: project,
      name: `Workflow ${p}-${i}`,
      active: adapter.bool(i % 2 === 0),
      nodes: adapter.json([]),
      connections: adapter.json({}),
      settings: adapter.json({}),
      pin_data: null,
      meta: null,
      static_data: null,
      version: 1,
      version_id: `v${p}-${i}`,
      trigger_count: 1,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    })),
  );
  await db.insertInto('workflows').values(workflows).execute();
  const start = Date.now();
  const BATCH = 500;
  for (let offset = 0; offset < TOTAL; offset += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, TOTAL - offset) }, (_, j) => {
      const n = offset + j;
      const workflow = workflows[n % workflows.length];
      const at = new Date(start - ((n * 7919) % (60 * DAY))).toISOString();
      const status = STATUSES[n % STATUSES.length] ?? 'success';
      return {
        id: `e${n}`,
        project_id: workflow?.project_id ?? null,
        workflow_id: workflow?.id ?? null,
        workflow_version: 1,
        workflow_data: null,
        status,
        mode: 'trigger',
        trigger: adapter.json({}),
        parent_execution_id: null,
        retry_of: null,
        started_at: at,
        finished_at: at,
        duration_ms: 3,
        wait_till: null,
        error: status === 'error' ? adapter.json({ message: 'boom' }) : null,
        run_state: null,
        instance_id: null,
        heartbeat_at: null,
        created_at: at,
      };
    });
    await db.insertInto('executions').values(rows).execute();
  }
}

function actor(role: 'owner' | 'member'): Actor {
  return {
    kind: 'user',
    userId: 'u',
    email: 'u@example.com',
    role,
    projects: new Map([['p2', 'viewer']]),
    personalProjectId: null,
  };
}

async function time(run: () => Promise<unknown>): Promise<number> {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[2] ?? 0;
}

for (const kind of kinds) {
  const test = await openTestDatabase(kind);
  try {
    const t0 = performance.now();
    await seed(test.database);
    const seeded = performance.now() - t0;
    const owner = await time(() => queryOverview(test.database, { actor: actor('owner'), days: 14 }));
    const member = await time(() => queryOverview(test.database, { actor: actor('member'), days: 14 }));
    const project = await time(() =>
      queryOverview(test.database, { actor: actor('owner'), days: 14, projectId: 'p3' }),
    );
    console.log(
      `${kind}: ${TOTAL} executions (seeded in ${(seeded / 1000).toFixed(1)} s); overview of 14 days, median of 5: ` +
        `owner, all projects ${owner.toFixed(1)} ms; member of one project ${member.toFixed(1)} ms; one project ${project.toFixed(1)} ms`,
    );
  } finally {
    await test.dispose();
  }
}
