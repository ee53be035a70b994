import { VARIABLE_SECRET_MASK } from '@guixu/api';
import { GuixuError } from '@guixu/core';
import type { Selectable } from 'kysely';
import { notFound } from '../../http/http-errors.ts';
import { newId, nowIso } from '../../ids.ts';
import type { SecurityCore } from '../../security/core.ts';
import type { Actor } from '../../security/policy.ts';
import { scopeToActor } from '../../security/scope.ts';
import type { SecurityDb, VariablesTable } from '../../security/tables.ts';

type Row = Selectable<VariablesTable>;

function variableExists(key: string): GuixuError {
  return new GuixuError('VARIABLE_EXISTS', `A variable "${key}" already exists in this project`, {
    details: { field: 'key' },
  });
}

/** Project variables (`$vars`); secret values are encrypted and masked (`ctx.services.get('variables')`). */
export class VariableStore {
  private readonly db: SecurityDb;

  constructor(private readonly security: SecurityCore) {
    this.db = security.db;
  }

  private isSecret(row: Row): boolean {
    return this.security.database.adapter.readBool(row.secret);
  }

  toDto(row: Row) {
    return {
      id: row.id,
      projectId: row.project_id,
      key: row.key,
      value: this.isSecret(row) ? VARIABLE_SECRET_MASK : row.value,
      secret: this.isSecret(row),
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  async row(id: string): Promise<Row> {
    const row = await this.db.selectFrom('variables').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined) throw notFound('variable', id);
    return row;
  }

  async list(actor: Actor, projectId?: string) {
    let query = scopeToActor(this.db.selectFrom('variables').selectAll(), actor, 'variables')
      .orderBy('key')
      .orderBy('id');
    if (projectId) query = query.where('project_id', '=', projectId);
    return (await query.execute()).map((r) => this.toDto(r));
  }

  async create(input: { projectId: string; key: string; value: string; secret: boolean }): Promise<Row> {
    const now = nowIso();
    const row: Row = {
      id: newId(),
      project_id: input.projectId,
      key: input.key,
      value: input.secret ? this.security.cipher.encrypt(input.value) : input.value,
      secret: this.security.database.adapter.bool(input.secret),
      created_at: now,
      updated_at: now,
    };
    try {
      await this.db
        .insertInto('variables')
        .values({ ...row, secret: this.security.database.adapter.bool(input.secret) })
        .execute();
    } catch (error) {
      if (this.security.database.adapter.isUniqueViolation(error)) throw variableExists(input.key);
      throw error;
    }
    return row;
  }

  async update(id: string, patch: { key?: string; value?: string }): Promise<{ before: Row; after: Row }> {
    const before = await this.row(id);
    const secret = this.isSecret(before);
    const keep = patch.value === undefined || (secret && patch.value === VARIABLE_SECRET_MASK);
    const value = keep
      ? before.value
      : secret
        ? this.security.cipher.encrypt(patch.value ?? '')
        : (patch.value ?? '');
    const after: Row = { ...before, key: patch.key ?? before.key, value, updated_at: nowIso() };
    try {
      await this.db
        .updateTable('variables')
        .set({ key: after.key, value: after.value, updated_at: after.updated_at })
        .where('id', '=', id)
        .execute();
    } catch (error) {
      if (this.security.database.adapter.isUniqueViolation(error)) throw variableExists(after.key);
      throw error;
    }
    return { before, after };
  }

  async delete(id: string): Promise<Row> {
    const row = await this.row(id);
    await this.db.deleteFrom('variables').where('id', '=', id).execute();
    return row;
  }

  /** `$vars` for a run of a workflow in this project: every variable decrypted (the engine option `vars`). */
  async varsForProject(projectId: string | null): Promise<Record<string, string>> {
    if (projectId === null) return {};
    const rows = await this.db
      .selectFrom('variables')
      .selectAll()
      .where('project_id', '=', projectId)
      .execute();
    const vars: Record<string, string> = {};
    for (const row of rows)
      vars[row.key] = this.isSecret(row) ? this.security.cipher.decrypt(row.value) : row.value;
    return vars;
  }
}
