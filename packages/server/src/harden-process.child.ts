/**
 * Run by harden-process.test.ts in a child process: hardens first, then loads
 * and exercises the libraries the server relies on (lazy imports included),
 * and prints what it saw as one JSON line.
 */
import { hardenProcess } from './harden-process.ts';

const report = hardenProcess();
const out: Record<string, unknown> = { frozen: report.frozen };

function attempt(fn: () => void): string {
  try {
    fn();
    return 'allowed';
  } catch (error) {
    return error instanceof TypeError ? 'TypeError' : String(error);
  }
}

out.pollute = attempt(() => {
  (Object.prototype as Record<string, unknown>).polluted = 1;
});
out.polluted = Reflect.get({}, 'polluted') === undefined ? 'no' : 'yes';
out.arrayPrototype = attempt(() => {
  Object.defineProperty(Array.prototype, 'x', { value: 1 });
});
const own: Record<string, unknown> = {};
own.toString = () => 'mine';
// Object.assign assigns ([[Set]]), like `own.valueOf = …`.
Object.assign(own, { valueOf: 'data' });
out.override = `${String(own)}/${String(own.valueOf)}`;
out.inspect = (await import('node:util')).inspect(new Error('shown')).split('\n')[0];
class NamedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NamedError';
  }
}
out.error = String(new NamedError('m'));
const fn = () => 1;
fn.toString = () => 'wrapped';
out.functionOverride = String(fn);

const Fastify = (await import('fastify')).default;
const app = Fastify({ logger: false });
app.get('/x', async () => ({ ok: true }));
app.post('/y', async (request) => request.body);
out.fastify = (await app.inject('/x')).json();
out.fastifyBody = (
  await app.inject({ method: 'POST', url: '/y', payload: { __proto__: { a: 1 }, b: 2 } })
).statusCode;
await app.close();

const pino = (await import('pino')).default;
const lines: string[] = [];
const log = pino({}, { write: (line: string) => lines.push(line) });
log.info({ a: 1 }, 'hello');
log.error(new NamedError('boom'));
out.pino = lines.map((line) => JSON.parse(line).msg);

const { z } = await import('zod');
out.zod = [
  z.object({ a: z.number() }).safeParse({ a: 1 }).success,
  z.string().email().safeParse('x').success,
];

const { DateTime, Duration } = await import('luxon');
out.luxon = [
  DateTime.fromISO('2024-01-02T00:00:00Z', { zone: 'utc' }).plus({ days: 1 }).toISODate(),
  Duration.fromObject({ hours: 2 }).toISO(),
];

const Database = (await import('better-sqlite3')).default;
const db = new Database(':memory:');
const { Kysely, PostgresDialect, SqliteDialect, sql } = await import('kysely');
const kysely = new Kysely<{ t: { a: number } }>({ dialect: new SqliteDialect({ database: db }) });
await kysely.schema.createTable('t').addColumn('a', 'integer').execute();
await kysely.insertInto('t').values({ a: 5 }).execute();
out.sqlite = await kysely.selectFrom('t').selectAll().execute();
await kysely.destroy();

const pg = (await import('pg')).default;
const pool = new pg.Pool({
  connectionString: process.env.GUIXU_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
});
const pgKysely = new Kysely<Record<string, never>>({ dialect: new PostgresDialect({ pool }) });
out.pg = (await sql<{ one: number }>`select 1 as one, now() as at`.execute(pgKysely)).rows.map((r) => r.one);
await pgKysely.destroy();

// Code that reads intrinsics through their descriptors (get-intrinsic, call-bound: es-abstract and
// its many dependents) finds the SES marker `originalValue` on the override accessors' getters.
const indexOf = Object.getOwnPropertyDescriptor(String.prototype, 'indexOf');
const marked = indexOf?.get && Reflect.get(indexOf.get, 'originalValue');
// es-abstract's TypedArray slice polyfill assigns `constructor` on a Uint8Array instance at load.
const typed = new Uint8Array(1) as Uint8Array & { constructor: unknown };
typed.constructor = (length: number) => new Uint8Array(length);
out.descriptors = [
  marked === String.prototype.indexOf,
  Object.hasOwn(typed, 'constructor'),
  new Uint8Array(1).constructor === Uint8Array,
];

// A worker thread has its own intrinsics: hardening there is a call in the worker's entry.
const { Worker } = await import('node:worker_threads');
const url = new URL('./harden-process.ts', import.meta.url).href;
const { createRequire } = await import('node:module');
const tsxApi = new URL(
  `file://${createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs')}`,
).href;
const worker = new Worker(
  `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url)}); }).then((m) => {
    const before = Object.isFrozen(Object.prototype);
    m.hardenProcess();
    require('node:worker_threads').parentPort.postMessage([before, Object.isFrozen(Object.prototype)]);
  });`,
  { eval: true },
);
out.worker = await new Promise((resolve) => worker.once('message', resolve));
await worker.terminate();

process.stdout.write(`${JSON.stringify(out)}\n`);
