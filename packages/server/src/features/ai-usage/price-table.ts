import type { ModelPrice } from '@guixu/nodes';
import type { Selectable } from 'kysely';
import type { Database } from '../../db/dialect.ts';
import type { LlmPricesTable } from '../../db/tables.ts';
import { conflict, notFound } from '../../http/http-errors.ts';
import { newId, nowIso } from '../../ids.ts';

type Row = Selectable<LlmPricesTable>;

export interface PriceInput {
  projectId?: string | null;
  provider?: string | null;
  model: string;
  inputPerMillion: number;
  outputPerMillion: number;
  currency: string;
}

/** Reread at most this often when another process may have changed the table (queue mode). */
const STALE_AFTER_MS = 60_000;

/**
 * The price table, kept in memory: every run of a workflow with AI nodes gets its
 * project's prices when it is handed to a worker, so reading them never waits for
 * the database. Writes here reload it at once.
 */
export class PriceTable {
  private rows: Row[] = [];
  private byProject = new Map<string, ModelPrice[]>();
  private loadedAt = 0;
  private reloading: Promise<void> | undefined;

  constructor(private readonly database: Database) {}

  async load(): Promise<void> {
    this.rows = await this.database.db
      .selectFrom('llm_prices')
      .selectAll()
      .orderBy('model')
      .orderBy('id')
      .execute();
    this.byProject.clear();
    this.loadedAt = Date.now();
  }

  /** A project's own prices first (they win), then the instance-wide ones. */
  forProject(projectId: string | null): ModelPrice[] {
    if (Date.now() - this.loadedAt > STALE_AFTER_MS)
      // A failed background reload keeps the table it has (the next read tries again).
      this.reloading ??= this.load()
        .catch(() => undefined)
        .finally(() => (this.reloading = undefined));
    const key = projectId ?? '';
    let prices = this.byProject.get(key);
    if (!prices) {
      const own = projectId === null ? [] : this.rows.filter((r) => r.project_key === projectId);
      prices = [...own, ...this.rows.filter((r) => r.project_key === '')].map(modelPrice);
      this.byProject.set(key, prices);
    }
    return prices;
  }

  async list(projectId?: string) {
    await this.load();
    return this.rows.filter((r) => r.project_key === '' || r.project_key === projectId).map(toDto);
  }

  async row(id: string): Promise<Row> {
    const row = await this.database.db
      .selectFrom('llm_prices')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('price', id);
    return row;
  }

  async create(input: PriceInput) {
    const now = nowIso();
    const row: Row = {
      id: newId(),
      project_key: input.projectId ?? '',
      provider: input.provider ?? '',
      model: input.model,
      input_per_million: input.inputPerMillion,
      output_per_million: input.outputPerMillion,
      currency: input.currency,
      created_at: now,
      updated_at: now,
    };
    await this.write(() => this.database.db.insertInto('llm_prices').values(row).execute(), row);
    return toDto(row);
  }

  async update(id: string, patch: Partial<Omit<PriceInput, 'projectId'>>) {
    const before = await this.row(id);
    const after: Row = {
      ...before,
      ...(patch.provider !== undefined ? { provider: patch.provider ?? '' } : {}),
      ...(patch.model !== undefined ? { model: patch.model } : {}),
      ...(patch.inputPerMillion !== undefined ? { input_per_million: patch.inputPerMillion } : {}),
      ...(patch.outputPerMillion !== undefined ? { output_per_million: patch.outputPerMillion } : {}),
      ...(patch.currency !== undefined ? { currency: patch.currency } : {}),
      updated_at: nowIso(),
    };
    const { id: _id, created_at: _created, ...values } = after;
    await this.write(
      () => this.database.db.updateTable('llm_prices').set(values).where('id', '=', id).execute(),
      after,
    );
    return toDto(after);
  }

  async delete(id: string): Promise<Row> {
    const row = await this.row(id);
    await this.database.db.deleteFrom('llm_prices').where('id', '=', id).execute();
    await this.load();
    return row;
  }

  private async write(run: () => Promise<unknown>, row: Row): Promise<void> {
    try {
      await run();
    } catch (error) {
      if (this.database.adapter.isUniqueViolation(error)) {
        throw conflict(
          'AI_PRICE_EXISTS',
          `A price for ${row.provider ? `${row.provider}/` : ''}${row.model} already exists ${row.project_key ? 'in this project' : 'instance-wide'}`,
          { field: 'model' },
        );
      }
      throw error;
    }
    await this.load();
  }
}

function modelPrice(row: Row): ModelPrice {
  return {
    ...(row.provider ? { provider: row.provider } : {}),
    model: row.model,
    inputPerMillion: Number(row.input_per_million),
    outputPerMillion: Number(row.output_per_million),
    currency: row.currency,
  };
}

export function toDto(row: Row) {
  return {
    id: row.id,
    projectId: row.project_key || null,
    provider: row.provider || null,
    model: row.model,
    inputPerMillion: Number(row.input_per_million),
    outputPerMillion: Number(row.output_per_million),
    currency: row.currency,
    updatedAt: row.updated_at,
  };
}
