import type { Database } from '../../db/dialect.ts';
import type { UsageWhere } from '../../execution-host/ai-services.ts';
import { nowIso } from '../../ids.ts';
import { budgetExceeded, type UsageLog } from './usage-log.ts';

const currentMonth = () => new Date().toISOString().slice(0, 7);

/** Per-project monthly AI budgets: checked before every model call of the project's runs. */
export class Budgets {
  constructor(
    private readonly database: Database,
    private readonly usage: UsageLog,
  ) {}

  async get(projectId: string) {
    const row = await this.database.db
      .selectFrom('ai_budgets')
      .selectAll()
      .where('project_id', '=', projectId)
      .executeTakeFirst();
    const currency = row?.currency ?? 'USD';
    const month = currentMonth();
    return {
      projectId,
      monthlyLimit: row ? Number(row.monthly_limit) : null,
      currency,
      month,
      spent: await this.usage.spent(projectId, month, currency),
    };
  }

  async set(projectId: string, monthlyLimit: number | null, currency: string) {
    const db = this.database.db;
    if (monthlyLimit === null) {
      await db.deleteFrom('ai_budgets').where('project_id', '=', projectId).execute();
    } else {
      const values = { project_id: projectId, monthly_limit: monthlyLimit, currency, updated_at: nowIso() };
      await db
        .insertInto('ai_budgets')
        .values(values)
        .onConflict((oc) =>
          oc
            .column('project_id')
            .doUpdateSet({ monthly_limit: monthlyLimit, currency, updated_at: values.updated_at }),
        )
        .execute();
    }
    return this.get(projectId);
  }

  /** Throws AI_BUDGET_EXCEEDED when the project has a budget and this month's cost reached it. */
  async check(projectId: string | null, where: UsageWhere): Promise<void> {
    if (projectId === null) return;
    const row = await this.database.db
      .selectFrom('ai_budgets')
      .select(['monthly_limit', 'currency'])
      .where('project_id', '=', projectId)
      .executeTakeFirst();
    if (!row) return;
    const month = currentMonth();
    const monthlyLimit = Number(row.monthly_limit);
    const spent = await this.usage.spentCached(projectId, month, row.currency);
    if (spent >= monthlyLimit) {
      throw budgetExceeded({
        node: where.node,
        projectId,
        month,
        spent,
        monthlyLimit,
        currency: row.currency,
      });
    }
  }
}
