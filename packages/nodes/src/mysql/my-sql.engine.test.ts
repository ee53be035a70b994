import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeConnections } from '../shared/connection-cache.ts';
import { runNodeWorkflow } from '../shared/testing/run-node-workflow.ts';
import { settledCount } from '../shared/testing/settled.ts';
import mySqlCredential from './my-sql.credentials.ts';
import mySql from './my-sql.node.ts';

/**
 * Against the MariaDB server on this machine (127.0.0.1:3306, root without a
 * password, database `test`). The node signs in as a user of its own, with a
 * password, so its connections can be counted and a wrong password refused.
 */
const suffix = randomBytes(4).toString('hex');
const table = `gx_my_${suffix}`;
const user = `gx_my_${suffix}`;
const password = `pw-${suffix}`;
const credential = {
  host: '127.0.0.1',
  port: 3306,
  database: 'test',
  user,
  password,
  connectTimeout: 5000,
  ssl: false,
  caCertificate: '',
  clientPrivateKey: '',
  clientCertificate: '',
};
let admin: mysql.Connection;

function run(parameters: Record<string, unknown>, items?: Record<string, unknown>[], data = credential) {
  return runNodeWorkflow({
    definition: mySql,
    parameters: { table: { __rl: true, mode: 'list', value: table }, ...parameters },
    credential: { slot: 'mySql', data },
    items: items as never,
  });
}

async function openConnections(): Promise<number> {
  const [rows] = await admin.query(
    'SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE USER = ?',
    [user],
  );
  const first: unknown = Array.isArray(rows) ? rows[0] : undefined;
  return typeof first === 'object' && first !== null && 'n' in first ? Number(first.n) : -1;
}

beforeAll(async () => {
  admin = await mysql.createConnection({ host: '127.0.0.1', port: 3306, user: 'root', database: 'test' });
  await admin.query(`CREATE USER ?@'%' IDENTIFIED BY ?`, [user, password]);
  await admin.query(`GRANT ALL ON test.* TO ?@'%'`, [user]);
  await admin.query(
    `CREATE TABLE ${table} (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(200) UNIQUE, qty INT, meta JSON)`,
  );
});

afterAll(async () => {
  await closeConnections();
  await admin.query(`DROP TABLE IF EXISTS ${table}`);
  await admin.query(`DROP USER IF EXISTS ?@'%'`, [user]);
  await admin.end();
});

describe('MySQL node against the real MariaDB server', () => {
  it('inserts items (auto-mapped, nested values as JSON), selects with where, sort and limit', async () => {
    const inserted = await run(
      { operation: 'insert', columns: { mappingMode: 'autoMapInputData', value: null } },
      [
        { name: 'apple', qty: 3, meta: { colour: 'red' } },
        { name: 'pear', qty: 7 },
        { name: 'plum', qty: 5 },
      ],
    );
    expect(inserted.status).toBe('success');
    expect(inserted.output).toEqual([
      { success: true, affectedRows: 1, insertId: 1 },
      { success: true, affectedRows: 1, insertId: 2 },
      { success: true, affectedRows: 1, insertId: 3 },
    ]);
    const selected = await run({
      operation: 'select',
      where: {
        values: [
          { column: 'qty', condition: '>=', value: '4' },
          { column: 'name', condition: 'LIKE', value: 'p%' },
        ],
      },
      sort: { values: [{ column: 'qty', direction: 'ASC' }] },
      limit: 1,
      options: { outputColumns: ['name', 'qty'] },
    });
    expect(selected.output).toEqual([{ name: 'plum', qty: 5 }]);
    const json = await run({
      operation: 'executeQuery',
      query: `SELECT meta FROM ${table} WHERE name = 'apple'`,
    });
    expect(json.output[0]?.meta).toEqual({ colour: 'red' });
  });

  it('stores an injection attempt verbatim through $n and ? parameters', async () => {
    const evil = `x'); DROP TABLE ${table}; --`;
    const dollar = await run(
      {
        operation: 'executeQuery',
        query: `INSERT INTO ${table} (name, qty) VALUES ($1, $2)`,
        options: { queryReplacement: '={{ [$json.name, 1] }}' },
      },
      [{ name: evil }],
    );
    expect(dollar.output).toMatchObject([{ success: true, affectedRows: 1 }]);
    const question = await run(
      {
        operation: 'executeQuery',
        query: `SELECT name FROM ${table} WHERE name = ? OR name = ?`,
        options: { queryReplacement: '={{ [$json.name, "none"] }}' },
      },
      [{ name: evil }],
    );
    expect(question.output).toEqual([{ name: evil }]);
  });

  it('updates and upserts on matching columns, and deletes with a where clause', async () => {
    const updated = await run(
      {
        operation: 'update',
        columns: { mappingMode: 'autoMapInputData', value: null, matchingColumns: ['name'] },
      },
      [{ name: 'apple', qty: 30 }],
    );
    expect(updated.output).toMatchObject([{ success: true, affectedRows: 1 }]);
    await run(
      {
        operation: 'upsert',
        columns: {
          mappingMode: 'defineBelow',
          value: { name: '={{ $json.n }}', qty: '={{ $json.q }}' },
          matchingColumns: ['name'],
        },
      },
      [
        { n: 'pear', q: 70 },
        { n: 'kiwi', q: 1 },
      ],
    );
    const [rows] = await admin.query(
      `SELECT name, qty FROM ${table} WHERE name IN ('apple', 'pear', 'kiwi') ORDER BY name`,
    );
    expect(rows).toEqual([
      { name: 'apple', qty: 30 },
      { name: 'kiwi', qty: 1 },
      { name: 'pear', qty: 70 },
    ]);
    const deleted = await run({
      operation: 'deleteTable',
      deleteCommand: 'delete',
      where: { values: [{ column: 'name', condition: 'equal', value: 'kiwi' }] },
    });
    expect(deleted.output).toEqual([{ success: true, affectedRows: 1 }]);
  });

  it('runs items independently when asked: only the failing item becomes an error item', async () => {
    const result = await runNodeWorkflow({
      definition: mySql,
      parameters: {
        table,
        operation: 'insert',
        columns: { mappingMode: 'autoMapInputData', value: null },
        options: { queryBatching: 'independently' },
      },
      credential: { slot: 'mySql', data: credential },
      items: [{ name: 'solo-1' }, { name: 'solo-1' }, { name: 'solo-2' }],
      onError: 'continueRegularOutput',
    });
    expect(result.status).toBe('success');
    expect(result.output[0]).toMatchObject({ success: true });
    expect(String(result.output[1]?.error)).toContain('Duplicate entry');
    expect(result.output[2]).toMatchObject({ success: true });
  });

  it('reports bad SQL, a wrong password and an unreachable server as node errors without the password', async () => {
    const bad = await run({ operation: 'executeQuery', query: 'SELEC nonsense' });
    expect(bad.error).toMatchObject({ code: 'MYSQL_QUERY_FAILED', node: 'DB' });
    expect(bad.error?.details).toMatchObject({ mysqlCode: 'ER_PARSE_ERROR' });

    const wrong = await run({ operation: 'executeQuery', query: 'SELECT 1' }, [{}], {
      ...credential,
      password: 'wrong-secret-pw',
    });
    expect(wrong.error).toMatchObject({ code: 'MYSQL_AUTH_FAILED', node: 'DB' });
    expect(wrong.error?.message).toContain('Access denied');
    expect(JSON.stringify(wrong.runData)).not.toContain('wrong-secret-pw');

    const down = await run({ operation: 'executeQuery', query: 'SELECT 1' }, [{}], {
      ...credential,
      port: 1,
    });
    expect(down.error).toMatchObject({ code: 'MYSQL_CONNECTION_FAILED', node: 'DB' });
    expect(JSON.stringify(down.runData)).not.toContain(password);
  });

  it('tests a credential: connected, and a wrong password', async () => {
    const signal = new AbortController().signal;
    expect(await mySqlCredential.test?.(credential, signal)).toMatchObject({ ok: true });
    const wrong = await mySqlCredential.test?.({ ...credential, password: 'nope' }, signal);
    expect(wrong?.ok).toBe(false);
    expect(wrong?.message).toContain('Access denied');
  });

  it('closes its pools: no connection stays open', async () => {
    await run({ operation: 'select', returnAll: true });
    expect(await openConnections()).toBeGreaterThan(0);
    await closeConnections();
    expect(await settledCount(openConnections)).toBe(0);
  });
});
