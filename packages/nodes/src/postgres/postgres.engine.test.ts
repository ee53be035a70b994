import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeConnections } from '../shared/connection-cache.ts';
import { runNodeWorkflow } from '../shared/testing/run-node-workflow.ts';
import { settledCount } from '../shared/testing/settled.ts';
import postgresCredential from './postgres.credentials.ts';
import postgres from './postgres.node.ts';

/** Against the PostgreSQL server on this machine (127.0.0.1:5432, trust, database `test`). */
const table = `gx_pg_${randomBytes(4).toString('hex')}`;
/** The node signs in as a role of its own (owning the table), so its connections can be counted. */
const role = table;
const credential = {
  host: '127.0.0.1',
  port: 5432,
  database: 'test',
  user: role,
  password: '',
  maxConnections: 5,
  allowUnauthorizedCerts: false,
  ssl: 'disable' as const,
};
const admin = new pg.Client({ host: '127.0.0.1', port: 5432, database: 'test', user: 'postgres' });

function run(parameters: Record<string, unknown>, items?: Record<string, unknown>[], data = credential) {
  return runNodeWorkflow({
    definition: postgres,
    parameters: {
      schema: { __rl: true, mode: 'list', value: 'public' },
      table: { __rl: true, mode: 'name', value: table },
      ...parameters,
    },
    credential: { slot: 'postgres', data },
    items: items as never,
  });
}

/** Connections the node's pools hold to the server. */
async function openConnections(): Promise<number> {
  const result = await admin.query<{ n: string }>(
    'SELECT count(*) AS n FROM pg_stat_activity WHERE usename = $1',
    [role],
  );
  return Number(result.rows[0]?.n ?? 0);
}

beforeAll(async () => {
  await admin.connect();
  await admin.query(`CREATE ROLE ${role} LOGIN`);
  await admin.query(
    `CREATE TABLE ${table} (id serial PRIMARY KEY, name text UNIQUE, qty integer, meta jsonb)`,
  );
  await admin.query(`ALTER TABLE ${table} OWNER TO ${role}`);
});

afterAll(async () => {
  await closeConnections();
  await admin.query(`DROP TABLE IF EXISTS ${table}`);
  await admin.query(`DROP ROLE IF EXISTS ${role}`);
  await admin.end();
});

describe('Postgres node against the real server', () => {
  it('inserts items (auto-mapped), selects with where, sort and limit', async () => {
    const inserted = await run(
      { operation: 'insert', columns: { mappingMode: 'autoMapInputData', value: null } },
      [
        { name: 'apple', qty: 3 },
        { name: 'pear', qty: 7 },
        { name: 'plum', qty: 5 },
      ],
    );
    expect(inserted.error).toBeUndefined();
    expect(inserted.status).toBe('success');
    expect(inserted.output.map((row) => row.name)).toEqual(['apple', 'pear', 'plum']);
    expect(typeof inserted.output[0]?.id).toBe('number');

    const selected = await run({
      operation: 'select',
      where: { values: [{ column: 'qty', condition: '>=', value: '4' }] },
      sort: { values: [{ column: 'qty', direction: 'DESC' }] },
      limit: 1,
      options: { outputColumns: ['name', 'qty'] },
    });
    expect(selected.output).toEqual([{ name: 'pear', qty: 7 }]);
  });

  it('stores an injection attempt verbatim through query parameters and column values', async () => {
    const evil = "x'); DROP TABLE " + table + '; --';
    const viaQuery = await run(
      {
        operation: 'executeQuery',
        query: `INSERT INTO ${table} (name, qty) VALUES ($1, $2) RETURNING name`,
        options: { queryReplacement: '={{ [$json.name, 1] }}' },
      },
      [{ name: evil }],
    );
    expect(viaQuery.output).toEqual([{ name: evil }]);
    const viaColumns = await run(
      { operation: 'insert', columns: { mappingMode: 'defineBelow', value: { name: `${evil}2`, qty: 2 } } },
      [{}],
    );
    expect(viaColumns.output[0]?.name).toBe(`${evil}2`);
    const check = await admin.query(`SELECT count(*)::int AS n FROM ${table} WHERE name LIKE 'x''); DROP%'`);
    expect(check.rows[0]?.n).toBe(2);
  });

  it('updates and upserts on matching columns, and deletes with a where clause', async () => {
    const updated = await run(
      {
        operation: 'update',
        // As n8n's mapper stores it: fields outside its column list are not written.
        columns: {
          mappingMode: 'autoMapInputData',
          value: {},
          matchingColumns: ['name'],
          schema: [{ id: 'name' }, { id: 'qty' }, { id: 'meta', removed: true }],
        },
      },
      [{ name: 'apple', qty: 30, note: 'not a column', meta: { left: 'out' } }],
    );
    expect(updated.output).toMatchObject([{ name: 'apple', qty: 30, meta: null }]);
    const upserted = await run(
      {
        operation: 'upsert',
        // n8n writes "all columns" as ['*'].
        options: { outputColumns: ['*'] },
        columns: {
          mappingMode: 'defineBelow',
          value: { name: '={{ $json.n }}', qty: '={{ $json.q }}' },
          matchingColumns: ['name'],
        },
      },
      [
        { n: 'pear', q: 70 },
        { n: 'kiwi', q: 1, meta: null },
      ],
    );
    expect(upserted.output.map((row) => [row.name, row.qty])).toEqual([
      ['pear', 70],
      ['kiwi', 1],
    ]);
    const deleted = await run({
      operation: 'deleteTable',
      deleteCommand: 'delete',
      where: { values: [{ column: 'name', condition: 'equal', value: 'kiwi' }] },
    });
    expect(deleted.output).toEqual([{ success: true, affectedRows: 1 }]);
  });

  it('runs several items in one transaction: a failing item undoes the others', async () => {
    const result = await run(
      { operation: 'insert', columns: { mappingMode: 'autoMapInputData', value: null } },
      [
        { name: 'tx-1', qty: 1 },
        { name: 'tx-1', qty: 2 },
      ],
    );
    expect(result.status).toBe('error');
    expect(result.error?.code).toBe('POSTGRES_QUERY_FAILED');
    expect(result.error?.message).toContain('node "DB"');
    expect(result.error?.details).toMatchObject({ sqlState: '23505', itemIndex: 1 });
    const rows = await admin.query(`SELECT 1 FROM ${table} WHERE name = 'tx-1'`);
    expect(rows.rowCount).toBe(0);
  });

  it('reports bad SQL, a refused sign-in and an unreachable server as node errors without the password', async () => {
    const bad = await run({ operation: 'executeQuery', query: 'SELEC nonsense' });
    expect(bad.error).toMatchObject({ code: 'POSTGRES_QUERY_FAILED', node: 'DB' });
    expect(bad.error?.message).toContain('syntax error');

    // The server here trusts loopback connections, so an unknown role is the credential it refuses.
    const wrong = await run({ operation: 'executeQuery', query: 'SELECT 1' }, [{}], {
      ...credential,
      user: 'gx_no_such_role',
      password: 'wrong-secret-pw',
    });
    expect(wrong.error).toMatchObject({ code: 'POSTGRES_AUTH_FAILED', node: 'DB' });
    expect(wrong.error?.message).toContain('gx_no_such_role');
    expect(JSON.stringify(wrong.runData)).not.toContain('wrong-secret-pw');

    const down = await run({ operation: 'executeQuery', query: 'SELECT 1' }, [{}], {
      ...credential,
      port: 1,
      password: 'unreachable-secret-pw',
    });
    expect(down.error).toMatchObject({ code: 'POSTGRES_CONNECTION_FAILED', node: 'DB' });
    expect(down.error?.message).toContain('127.0.0.1:1');
    expect(JSON.stringify(down.runData)).not.toContain('unreachable-secret-pw');
  });

  it('tests a credential: connected, and a refused connection', async () => {
    const ok = await postgresCredential.test?.(credential, new AbortController().signal);
    expect(ok).toMatchObject({ ok: true });
    expect(ok?.message).toContain('PostgreSQL');
    const refused = await postgresCredential.test?.({ ...credential, port: 1 }, new AbortController().signal);
    expect(refused?.ok).toBe(false);
  });

  it('closes its pools: no connection stays open', async () => {
    await run({ operation: 'select', returnAll: true });
    expect(await openConnections()).toBeGreaterThan(0);
    await closeConnections();
    expect(await settledCount(openConnections)).toBe(0);
  });
});
