import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { afterAll, describe, expect, it } from 'vitest';
import { bagOfWords } from '../testing/bag-of-words.ts';
import { PgExactBackend } from './pg-exact-backend.ts';
import { PgVectorBackend } from './pgvector-backend.ts';
import { SqliteVecBackend } from './sqlite-vec-backend.ts';
import type { VectorBackend } from './vector-backend.ts';

const pglite = await PGlite.create({ extensions: { vector } });
const plainPglite = await PGlite.create();
const sqlite = new SqliteVecBackend(':memory:');
afterAll(async () => {
  sqlite.close();
  await pglite.close();
  await plainPglite.close();
});

const backends: [string, VectorBackend][] = [
  ['sqlite-vec', sqlite],
  ['pgvector (PGlite)', new PgVectorBackend(pglite)],
  ['PostgreSQL without pgvector, exact scan (PGlite)', new PgExactBackend(plainPglite)],
];

const chunk = (documentId: string, text: string, team: string, n: number) => ({
  documentId,
  text,
  metadata: { source: documentId, team, chunk: n },
  vector: bagOfWords(text),
});

describe.each(backends)('vector backend: %s', (_name, backend) => {
  it('upserts per document, ranks by cosine, filters by metadata and score, deletes', async () => {
    await backend.upsert('kb', [
      chunk('leave.md', 'paid leave is twenty five days per year', 'hr', 0),
      chunk('leave.md', 'unused leave carries over until march', 'hr', 1),
      chunk('travel.md', 'travel expenses need manager approval', 'finance', 0),
    ]);
    await backend.upsert('other', [chunk('x.md', 'paid leave paid leave', 'hr', 0)]);
    expect(await backend.count('kb')).toBe(3);

    const hits = await backend.search('kb', { vector: bagOfWords('how many paid leave days'), k: 2 });
    expect(hits.map((h) => [h.documentId, h.metadata.chunk])).toEqual([
      ['leave.md', 0],
      ['leave.md', 1],
    ]);
    expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? 1);
    expect(hits[0]?.text).toBe('paid leave is twenty five days per year');

    const finance = await backend.search('kb', {
      vector: bagOfWords('paid leave'),
      k: 3,
      filter: { team: 'finance' },
    });
    expect(finance.map((h) => h.documentId)).toEqual(['travel.md']);
    expect(await backend.search('kb', { vector: bagOfWords('paid leave'), k: 3, minScore: 0.99 })).toEqual(
      [],
    );

    await backend.upsert('kb', [chunk('leave.md', 'leave policy replaced', 'hr', 0)]);
    expect(await backend.count('kb')).toBe(2);
    expect(await backend.deleteDocuments('kb', ['travel.md'])).toBe(1);
    expect(
      (await backend.search('kb', { vector: bagOfWords('travel approval'), k: 5 })).map((h) => h.documentId),
    ).toEqual(['leave.md']);
    expect(await backend.count('other')).toBe(1);
  });
});

describe('sqlite-vec: two connections on one file (worker threads)', () => {
  it('a search sees what the other connection wrote and deleted since its last search', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'guixu-vec-'));
    const a = new SqliteVecBackend(join(dir, 'v.sqlite'));
    const b = new SqliteVecBackend(join(dir, 'v.sqlite'));
    try {
      await a.upsert('kb', [chunk('leave.md', 'paid leave is twenty five days', 'hr', 0)]);
      const first = await b.search('kb', { vector: bagOfWords('paid leave'), k: 3 });
      expect(first.map((h) => h.documentId)).toEqual(['leave.md']);
      await a.upsert('kb', [chunk('travel.md', 'travel needs approval', 'finance', 0)]);
      const second = await b.search('kb', { vector: bagOfWords('travel approval'), k: 1 });
      expect(second.map((h) => h.documentId)).toEqual(['travel.md']);
      await a.deleteDocuments('kb', ['travel.md']);
      const third = await b.search('kb', { vector: bagOfWords('travel approval'), k: 3 });
      expect(third.map((h) => h.documentId)).toEqual(['leave.md']);
    } finally {
      a.close();
      b.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sqlite-vec: dropping a deleted project’s collections', () => {
  it('removes every collection under the prefix and nothing else, and another connection stops finding them', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const { dropVectorCollections } = await import('./sqlite-vec-backend.ts');
    const dir = mkdtempSync(join(tmpdir(), 'guixu-vec-'));
    const path = join(dir, 'v.sqlite');
    const thread = new SqliteVecBackend(path);
    try {
      await thread.upsert('project:p1/handbook', [
        chunk('leave.md', 'paid leave is twenty five days', 'hr', 0),
      ]);
      await thread.upsert('project:p1/faq', [
        chunk('travel.md', 'travel needs approval', 'finance', 0),
        chunk('travel.md', 'trains before planes', 'finance', 1),
      ]);
      await thread.upsert('project:p10/handbook', [chunk('leave.md', 'paid leave is twenty days', 'hr', 0)]);
      // A search first, so the other connection holds cached codes of the collection.
      expect(await thread.count('project:p1/handbook')).toBe(1);
      await thread.search('project:p1/handbook', { vector: bagOfWords('paid leave'), k: 1 });

      expect(await dropVectorCollections(path, 'project:p1/')).toBe(3);
      expect(await thread.count('project:p1/handbook')).toBe(0);
      expect(await thread.count('project:p1/faq')).toBe(0);
      expect(await thread.search('project:p1/handbook', { vector: bagOfWords('paid leave'), k: 1 })).toEqual(
        [],
      );
      // `project:p10/` is another project, not under `project:p1/`.
      expect(await thread.count('project:p10/handbook')).toBe(1);
      // Nothing to drop: no file, or in memory.
      expect(await dropVectorCollections(join(dir, 'none.sqlite'), 'project:p1/')).toBe(0);
      expect(await dropVectorCollections(':memory:', 'project:p1/')).toBe(0);
    } finally {
      thread.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
