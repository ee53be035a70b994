import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectTenant, SqliteVecBackend } from '@guixu/nodes';
import { sql } from 'kysely';
import { addMember, createProject, createUser, type Identity, json } from './testing/identities.ts';
import { createTestApp, type TestApp } from '../testing/test-app.ts';
import { BACKENDS } from '../testing/test-database.ts';

/**
 * A project's AI data (chat memory, prices, budget, usage) is reachable from no
 * other project, and goes with the project when it is deleted (usage rows stay
 * for the instance's accounting, unreachable by members).
 */
describe.each(BACKENDS)('a project’s AI data on %s', (kind) => {
  let t: TestApp;
  let owner: Identity;
  let other: Identity;
  let doomed: string;
  let kept: string;

  const count = async (table: string, column: string, id: string) => {
    const rows = await sql<{
      n: number | string;
    }>`select count(*) as n from ${sql.table(table)} where ${sql.ref(column)} = ${id}`.execute(
      t.ctx.database.db,
    );
    return Number(rows.rows[0]?.n ?? 0);
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    owner =
      t.owner ??
      (() => {
        throw new Error('owner');
      })();
    doomed = await createProject(t.app, owner, 'Doomed AI');
    kept = await createProject(t.app, owner, 'Kept AI');
    other = await createUser(t.app, owner, `ai-data-${kind}@example.com`);
    await addMember(t.app, owner, kept, other.userId, 'admin');
    const ai = t.ctx.services.get('aiUsage');
    const chat = t.ctx.services.get('aiChat');
    for (const projectId of [doomed, kept]) {
      const run = { projectId, workflowId: `wf-${projectId}`, executionId: `x-${projectId}` };
      await chat.memory.append(run, `wf-${projectId}:s1`, [
        { role: 'user', content: `hi from ${projectId}` },
      ]);
      await ai.usage.record(
        run,
        {
          provider: 'openai',
          model: 'gpt-test',
          inputTokens: 10,
          outputTokens: 5,
          latencyMs: 1,
          cost: 1,
          currency: 'USD',
        },
        { node: 'Agent', executionId: run.executionId },
      );
      const price = await t.app.inject({
        method: 'POST',
        url: '/api/v1/ai/prices',
        payload: {
          projectId,
          model: `m-${projectId}`,
          inputPerMillion: 1,
          outputPerMillion: 2,
          currency: 'USD',
        },
      });
      expect(price.statusCode).toBe(201);
      const budget = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/projects/${projectId}/ai-budget`,
        payload: { monthlyLimit: 5, currency: 'USD' },
      });
      expect(budget.statusCode).toBe(200);
    }
  }, 60_000);
  afterAll(async () => {
    await t?.dispose();
  });

  it('is not reachable from another project', async () => {
    const as = (url: string) => t.raw.inject({ method: 'GET', url, headers: other.headers });
    expect((await as(`/api/v1/ai/prices?projectId=${doomed}`)).statusCode).toBe(404);
    expect((await as(`/api/v1/projects/${doomed}/ai-budget`)).statusCode).toBe(404);
    expect((await as(`/api/v1/ai/usage?projectId=${doomed}`)).statusCode).toBe(404);
    expect((await as(`/api/v1/workflows/wf-${doomed}/chat-sessions`)).statusCode).toBe(404);
    // Unfiltered, the report covers the caller's projects only.
    const report = json(await as('/api/v1/ai/usage?groupBy=project')) as { data: { key: string }[] };
    expect(report.data.map((g) => g.key)).toEqual([kept]);
    const prices = json(await as(`/api/v1/ai/prices?projectId=${kept}`)) as { data: { model: string }[] };
    expect(prices.data.map((p) => p.model)).not.toContain(`m-${doomed}`);
    // A run of the other project never reads the doomed project's memory under the same key.
    const memory = t.ctx.services.get('aiChat').memory;
    const run = { projectId: kept, workflowId: `wf-${doomed}`, executionId: 'x-probe' };
    expect(await memory.load(run, `wf-${doomed}:s1`, 10)).toEqual([]);
  });

  it('goes with the project: chat memory, prices and budget deleted, usage kept for accounting', async () => {
    // Vector Store (SQLite) collections, as execution threads write them: the project's prefix, the shared file.
    const vectors = new SqliteVecBackend(t.ctx.config.nodes.vectorDbPath);
    const chunk = (text: string) => ({ documentId: 'd', text, metadata: {}, vector: [1, 0, 1] });
    for (const projectId of [doomed, kept])
      await vectors.upsert(`${projectTenant(projectId)}/notes`, [chunk(projectId)]);
    const deleted = await t.app.inject({ method: 'DELETE', url: `/api/v1/projects/${doomed}` });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect(await count('ai_chat_messages', 'project_id', doomed)).toBe(0);
    expect(await count('llm_prices', 'project_key', doomed)).toBe(0);
    expect(await count('ai_budgets', 'project_id', doomed)).toBe(0);
    expect(await count('llm_usage', 'project_id', doomed)).toBe(1);
    // The price table in memory forgot them at once.
    const models = t.ctx.services
      .get('aiUsage')
      .prices.forProject(doomed)
      .map((p) => p.model);
    expect(models).not.toContain(`m-${doomed}`);
    // The other project's AI data is untouched.
    expect(await count('ai_chat_messages', 'project_id', kept)).toBe(1);
    expect(await count('llm_prices', 'project_key', kept)).toBe(1);
    expect(await count('ai_budgets', 'project_id', kept)).toBe(1);
    expect(await vectors.count(`${projectTenant(doomed)}/notes`)).toBe(0);
    expect(await vectors.count(`${projectTenant(kept)}/notes`)).toBe(1);
    vectors.close();
  });
});
