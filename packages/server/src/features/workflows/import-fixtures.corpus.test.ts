import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../../../interop/test/corpus.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { BACKENDS } from '../../testing/test-database.ts';

/** Every real n8n and Dify workflow in the fixtures imports through the API, or is refused with a 4xx. */
describe.each(BACKENDS)('importing the fixture workflows on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.dispose());

  it('never fails with a server error', async () => {
    const files = ['n8n', 'dify'].flatMap((dir) =>
      readdirSync(join(FIXTURES, dir)).map((name) => ({ dir, path: join(FIXTURES, dir, name) })),
    );
    expect(files.length).toBeGreaterThan(100);
    const failures: string[] = [];
    let imported = 0;
    for (const file of files) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/workflows/import',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ workflow: readFileSync(file.path, 'utf8') }),
      });
      if (response.statusCode === 201) {
        imported++;
        expect(response.json().format).toBe(file.dir);
      } else if (response.statusCode >= 500 || !response.json().code) {
        failures.push(`${file.path}: ${response.statusCode} ${response.body.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(imported).toBeGreaterThan(files.length * 0.9);
  });
});
