#!/usr/bin/env node
// Records what n8n itself outputs for the parity fixtures, as data for parity.test.ts.
// The project never depends on n8n: run this by hand with an n8n 2.8.4 install elsewhere:
//   N8N_BIN=/tmp/n8n-scratch/node_modules/.bin/n8n node packages/interop/test/n8n-parity/record-n8n-outputs.mjs
//   N8N_BIN=… TRANSLATE=1 npx tsx packages/interop/test/n8n-parity/record-n8n-outputs.mjs
//   N8N_BIN=… ONLY=static-data node packages/interop/test/n8n-parity/record-n8n-outputs.mjs   (some files only)
// It imports each fixture into a fresh n8n user folder (SQLite, TZ=UTC), runs it with
// `n8n execute --id`, reads the saved execution from n8n's SQLite database (its run data is
// serialized with `flatted`, loaded from the n8n install) and keeps every node's output items.
// stdout (`--rawOutput`, mixed with log lines) is the fallback when no execution was saved.
// docs/testing.md ("Behaviour parity with n8n") says when to re-record.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = process.env.GUIXU_FIXTURES ?? join(here, '../../../../../shared/fixtures');
const bin = process.env.N8N_BIN;
// TRANSLATE=1 (run with `npx tsx`) first imports each fixture into GuixuFlow and exports it
// back, so n8n runs the newest-version nodes our mappings produce; records go to translated/.
const translate = process.env.TRANSLATE === '1';
const outDir = translate ? join(here, 'translated') : here;
let convert = (workflow) => workflow;
if (translate) {
  const { importN8n, exportN8n } = await import('../../src/index.ts');
  const { builtinNodes } = await import('@guixu/nodes');
  const registry = await builtinNodes();
  convert = (workflow) => exportN8n(importN8n(workflow, { registry }).workflow, { registry }).workflow;
  mkdirSync(outDir, { recursive: true });
}
if (!bin) throw new Error('Set N8N_BIN to the n8n executable (n8n 2.8.4)');
// Corpus fixtures listed in fixtures.json, plus hand-written workflows in workflows/ (recorded as workflows__<file>).
const list = [
  ...JSON.parse(readFileSync(join(here, 'fixtures.json'), 'utf8')).map((file) => ({ file, path: join(fixtures, 'n8n', file) })),
  ...readdirSync(join(here, 'workflows'))
    .filter((file) => file.endsWith('.json'))
    .map((file) => ({ file: `workflows__${file}`, path: join(here, 'workflows', file) })),
].filter((entry) => !process.env.ONLY || entry.file.includes(process.env.ONLY));
const home = mkdtempSync(join(tmpdir(), 'n8n-parity-'));
const env = {
  ...process.env,
  N8N_USER_FOLDER: home,
  DB_TYPE: 'sqlite',
  TZ: 'UTC',
  GENERIC_TIMEZONE: 'UTC',
  N8N_DIAGNOSTICS_ENABLED: 'false',
  N8N_LOG_LEVEL: 'info',
  // Every execution is saved, so it can be read back from the database.
  EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
  EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
};

// n8n's own copy of flatted (the project never depends on n8n or its serializer).
const n8nRequire = createRequire(realpathSync(bin));
const flatted = n8nRequire('flatted');
const { default: Database } = await import('better-sqlite3');

/** The newest saved execution of a workflow, from n8n's SQLite database. */
function savedExecution(workflowId) {
  const file = join(home, '.n8n', 'database.sqlite');
  if (!existsSync(file)) return undefined;
  const db = new Database(file, { readonly: true });
  try {
    const row = db
      .prepare(
        `SELECT e.status AS status, d.data AS data FROM execution_entity e
         JOIN execution_data d ON d.executionId = e.id
         WHERE e.workflowId = ? ORDER BY e.id DESC LIMIT 1`,
      )
      .get(workflowId);
    return row ? { status: row.status, data: flatted.parse(row.data) } : undefined;
  } finally {
    db.close();
  }
}

// n8n 2.x has no legacy Start node; it behaved like a Manual Trigger (NOTES.md).
function prepare(workflow, id) {
  const nodes = workflow.nodes.map((node) =>
    node.type === 'n8n-nodes-base.start' ? { ...node, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1 } : node,
  );
  return { ...workflow, id, name: id, nodes, active: false, settings: { ...workflow.settings, executionOrder: 'v1' } };
}

// The JSON is followed by log lines when the run fails: take the first complete object.
function firstJson(text) {
  for (let end = text.indexOf('\n}'); end >= 0; end = text.indexOf('\n}', end + 1)) {
    try {
      return JSON.parse(text.slice(0, end + 2));
    } catch {
      // not the closing brace of the top-level object yet
    }
  }
  return undefined;
}

function fromStdout(stdout) {
  const start = stdout.search(/^\{/m);
  return start < 0 ? undefined : firstJson(stdout.slice(start));
}

// Workflows that call HTTP services call this local echo server.
const { startEchoServer } = await import('./echo-server.mjs');
const echo = await startEchoServer();

const input = join(home, 'workflows');
mkdirSync(input);
const ids = list.map(({ path }, index) => {
  const id = `parity${String(index).padStart(4, '0')}`;
  const workflow = convert(JSON.parse(readFileSync(path, 'utf8')));
  writeFileSync(join(input, `${id}.json`), JSON.stringify(prepare(workflow, id)));
  return id;
});
// Asynchronous, so the echo server in this process keeps answering while n8n runs.
const run = promisify(execFile);
await run(bin, ['import:workflow', '--separate', `--input=${input}`], { env, maxBuffer: 64 * 1024 * 1024 });

for (const [index, { file }] of list.entries()) {
  let stdout = '';
  try {
    ({ stdout } = await run(bin, ['execute', `--id=${ids[index]}`, '--rawOutput'], {
      env,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }));
  } catch (error) {
    stdout = String(error.stdout ?? '');
  }
  const execution = savedExecution(ids[index]) ?? fromStdout(stdout);
  if (!execution) {
    console.error(`${file}: no execution saved or printed`);
    continue;
  }
  const runData = execution.data?.resultData?.runData ?? {};
  const nodes = {};
  for (const [name, runs] of Object.entries(runData)) {
    nodes[name] = runs.map((run) => ({
      status: run.executionStatus,
      outputs: (run.data?.main ?? []).map((items) => (items ?? []).map((item) => item.json)),
      ...(run.error ? { error: run.error.message } : {}),
    }));
  }
  const record = {
    fixture: file,
    recordedWith: 'n8n 2.8.4',
    status: execution.status,
    lastNodeExecuted: execution.data?.resultData?.lastNodeExecuted ?? null,
    error: execution.data?.resultData?.error?.message ?? null,
    nodes,
  };
  writeFileSync(join(outDir, file), `${JSON.stringify(record, null, 2)}\n`);
  console.log(`${file}: ${execution.status}`);
}
echo.close();
