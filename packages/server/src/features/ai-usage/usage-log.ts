import { GuixuError } from '@guixu/core';
import { type ModelUsage, priced } from '@guixu/nodes';
import { sql } from 'kysely';
import type { Database } from '../../db/dialect.ts';
import type { AiRun, UsageWhere } from '../../execution-host/ai-services.ts';
import { registerErrorStatus } from '../../http/http-errors.ts';
import { newId } from '../../ids.ts';
import type { Actor } from '../../security/policy.ts';
import { scopeToActor } from '../../security/scope.ts';
import type { PriceTable } from './price-table.ts';

// An API call that would embed (knowledge-base search test) past the project's budget.
registerErrorStatus('AI_BUDGET_EXCEEDED', 402);

export type UsageGroup = 'workflow' | 'project' | 'model' | 'day' | 'node';

export interface UsageQuery {
  groupBy: UsageGroup;
  projectId?: string;
  workflowId?: string;
  executionId?: string;
  from?: string;
  to?: string;
}

interface Totals {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cost: Record<string, number>;
}

const emptyTotals = (): Totals => ({ calls: 0, inputTokens: 0, outputTokens: 0, cost: {} });
/** Sums come back as text from PostgreSQL (bigint) and as numbers from SQLite. */
const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
const roundCost = (value: number) => Math.round(value * 1e8) / 1e8;

/** Reread a project's month total at most this often (another process may record calls too). */
const TOTAL_FRESH_MS = 30_000;

/** The `llm_usage` table: one row per model or embedding call, written by runs, read by the usage API. */
export class UsageLog {
  /** Month totals per project and currency the budget check asked for, kept current by `record`. */
  private readonly totals = new Map<string, { cost: number; at: number }>();

  constructor(
    private readonly database: Database,
    private readonly prices: PriceTable,
  ) {}

  async record(run: AiRun, usage: ModelUsage, where: UsageWhere): Promise<void> {
    // The run priced it with the table it was handed; unpriced calls get the current table's price.
    const withCost = usage.cost === undefined ? priced(usage, this.prices.forProject(run.projectId)) : usage;
    const at = new Date();
    const iso = at.toISOString();
    await this.database.db
      .insertInto('llm_usage')
      .values({
        id: newId(),
        project_id: run.projectId,
        workflow_id: run.workflowId,
        // Calls of no run (a knowledge base indexed through the API) have no execution.
        execution_id: run.executionId || null,
        node: where.node.slice(0, 500),
        provider: String(withCost.provider).slice(0, 200),
        model: String(withCost.model).slice(0, 200),
        input_tokens: Math.max(0, Math.round(withCost.inputTokens || 0)),
        output_tokens: Math.max(0, Math.round(withCost.outputTokens || 0)),
        latency_ms: Math.max(0, Math.round(withCost.latencyMs || 0)),
        cost: withCost.cost ?? null,
        currency: withCost.currency ?? null,
        day: iso.slice(0, 10),
        month: iso.slice(0, 7),
        created_at: iso,
      })
      .execute();
    if (run.projectId !== null && withCost.cost !== undefined && withCost.currency) {
      const total = this.totals.get(totalKey(run.projectId, iso.slice(0, 7), withCost.currency));
      if (total) total.cost = roundCost(total.cost + withCost.cost);
    }
  }

  /**
   * Like `spent`, from memory when read recently: the budget check runs before every
   * model call, and summing a busy month's rows each time grows with the month.
   */
  async spentCached(projectId: string, month: string, currency: string): Promise<number> {
    const key = totalKey(projectId, month, currency);
    const known = this.totals.get(key);
    if (known && Date.now() - known.at < TOTAL_FRESH_MS) return known.cost;
    const at = Date.now();
    const cost = await this.spent(projectId, month, currency);
    if (this.totals.size > 10_000) this.totals.clear();
    this.totals.set(key, { cost, at });
    return cost;
  }

  /** What a project spent in one month, in one currency. */
  async spent(projectId: string, month: string, currency: string): Promise<number> {
    const row = await this.database.db
      .selectFrom('llm_usage')
      .select((eb) => eb.fn.sum<number>('cost').as('cost'))
      .where('project_id', '=', projectId)
      .where('month', '=', month)
      .where('currency', '=', currency)
      .executeTakeFirst();
    return roundCost(num(row?.cost));
  }

  async report(actor: Actor, query: UsageQuery) {
    const key = groupKey(query.groupBy);
    let q = scopeToActor(this.database.db.selectFrom('llm_usage'), actor, 'llm_usage')
      .select([
        key.as('key'),
        'currency',
        (eb) => eb.fn.countAll<number>().as('calls'),
        (eb) => eb.fn.sum<number>('input_tokens').as('input_tokens'),
        (eb) => eb.fn.sum<number>('output_tokens').as('output_tokens'),
        (eb) => eb.fn.sum<number>('cost').as('cost'),
      ])
      .groupBy([key, 'currency']);
    if (query.projectId) q = q.where('project_id', '=', query.projectId);
    if (query.workflowId) q = q.where('workflow_id', '=', query.workflowId);
    if (query.executionId) q = q.where('execution_id', '=', query.executionId);
    if (query.from) q = q.where('day', '>=', query.from);
    if (query.to) q = q.where('day', '<=', query.to);
    const rows = await q.execute();
    const groups = new Map<string, Totals>();
    const total = emptyTotals();
    for (const row of rows) {
      const k = row.key === null || row.key === undefined ? '' : String(row.key);
      const group = groups.get(k) ?? emptyTotals();
      groups.set(k, group);
      for (const t of [group, total]) {
        t.calls += num(row.calls);
        t.inputTokens += num(row.input_tokens);
        t.outputTokens += num(row.output_tokens);
        if (row.currency) t.cost[row.currency] = roundCost((t.cost[row.currency] ?? 0) + num(row.cost));
      }
    }
    const data = [...groups]
      .map(([k, t]) => ({ key: k, ...t }))
      .sort((a, b) =>
        query.groupBy === 'day'
          ? a.key.localeCompare(b.key)
          : b.calls - a.calls || a.key.localeCompare(b.key),
      );
    return { groupBy: query.groupBy, data, total };
  }

  /** Every call of one execution, oldest first, and the totals per node. */
  async ofExecution(executionId: string) {
    const rows = await this.database.db
      .selectFrom('llm_usage')
      .selectAll()
      .where('execution_id', '=', executionId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const nodes = new Map<string, Totals>();
    const calls = rows.map((r) => {
      const t = nodes.get(r.node) ?? emptyTotals();
      nodes.set(r.node, t);
      t.calls += 1;
      t.inputTokens += num(r.input_tokens);
      t.outputTokens += num(r.output_tokens);
      if (r.currency && r.cost !== null)
        t.cost[r.currency] = roundCost((t.cost[r.currency] ?? 0) + num(r.cost));
      return {
        node: r.node,
        provider: r.provider,
        model: r.model,
        inputTokens: num(r.input_tokens),
        outputTokens: num(r.output_tokens),
        latencyMs: num(r.latency_ms),
        cost: r.cost === null ? null : num(r.cost),
        currency: r.currency,
        createdAt: r.created_at,
      };
    });
    return { calls, nodes: [...nodes].map(([key, t]) => ({ key, ...t })) };
  }
}

const totalKey = (projectId: string, month: string, currency: string) =>
  `${projectId}\u0000${month}\u0000${currency}`;

function groupKey(group: UsageGroup) {
  switch (group) {
    case 'workflow':
      return sql<string>`workflow_id`;
    case 'project':
      return sql<string>`project_id`;
    case 'model':
      return sql<string>`provider || '/' || model`;
    case 'day':
      return sql<string>`day`;
    case 'node':
      return sql<string>`node`;
  }
}

/** Thrown before a model call once a project's month is spent. */
export function budgetExceeded(input: {
  node: string;
  projectId: string;
  month: string;
  spent: number;
  monthlyLimit: number;
  currency: string;
}): GuixuError {
  const { spent, monthlyLimit, currency, month } = input;
  return new GuixuError(
    'AI_BUDGET_EXCEEDED',
    `The project's AI budget for ${month} is spent: ${spent.toFixed(4)} of ${monthlyLimit.toFixed(2)} ${currency}. No model was called.`,
    {
      node: input.node,
      audience: 'user',
      description:
        'A project admin can raise the monthly budget (PUT /api/v1/projects/:id/ai-budget); it resets on the 1st (UTC).',
      details: { projectId: input.projectId, month, spent, monthlyLimit, currency },
    },
  );
}
