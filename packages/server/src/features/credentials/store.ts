import { CREDENTIAL_SECRET_MASK } from '@guixu/api';
import {
  type Choice,
  type CredentialProvider,
  type CredentialRequest,
  type CredentialTypeDefinition,
  checkParams,
  GuixuError,
  type NodeRegistry,
  toFormFields,
} from '@guixu/core';
import { refreshedToken, tokenData } from '@guixu/nodes';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { notFound } from '../../http/http-errors.ts';
import { newId, nowIso } from '../../ids.ts';
import type { SecurityCore } from '../../security/core.ts';
import { type Actor, can } from '../../security/policy.ts';
import { sharesOf } from '../../security/resources.ts';
import { scopeToActor } from '../../security/scope.ts';
import type { CredentialsTable, SecurityDb } from '../../security/tables.ts';
import { isOAuth1Type } from './oauth1-fields.ts';
import { authCodeFieldsSchema, clientOf, oauthTokenDataSchema } from './oauth2-client.ts';

const REFRESH_MARGIN_MS = 60_000;

type Row = Selectable<CredentialsTable>;
type Data = Record<string, unknown>;

/** Server-managed fields inside the encrypted data (OAuth2 and OAuth1 tokens); never returned, never set by clients. */
export const INTERNAL_FIELDS = ['oauthTokenData'] as const;

const dataSchema = z.record(z.string(), z.unknown());

/** Clients never set server-managed fields: an OAuth2 token comes only from the connect flow. */
function rejectInternalFields(data: Data): void {
  for (const key of INTERNAL_FIELDS) {
    if (key in data) {
      throw new GuixuError(
        'CREDENTIAL_DATA_INVALID',
        `"${key}" is managed by the server; connect the credential through its OAuth sign-in instead`,
        { details: { field: key } },
      );
    }
  }
}

function credentialExists(name: string): GuixuError {
  return new GuixuError('CREDENTIAL_EXISTS', `A credential named "${name}" already exists in this project`, {
    details: { field: 'name' },
  });
}

/** Encrypted credentials (`ctx.services.get('credentials')`). */
export class CredentialStore {
  private readonly db: SecurityDb;

  constructor(
    private readonly security: SecurityCore,
    private readonly registry: NodeRegistry,
  ) {
    this.db = security.db;
  }

  types() {
    return this.registry.listCredentialTypes().map((t) => ({
      name: t.name,
      displayName: t.displayName,
      ...(t.description ? { description: t.description } : {}),
      ...(t.documentationUrl ? { documentationUrl: t.documentationUrl } : {}),
      fields: toFormFields(t.fields).map((f) => ({ ...f })),
      secretFields: [...t.secretFields],
      testable: t.test !== undefined,
      oauth2: 'authUrl' in t.fields && !isOAuth1Type(t),
      oauth1: isOAuth1Type(t),
    }));
  }

  type(name: string): CredentialTypeDefinition {
    const type = this.registry.credentialType(name);
    if (type === undefined) {
      throw new GuixuError('CREDENTIAL_TYPE_UNKNOWN', `Unknown credential type "${name}"`, {
        details: { field: 'type', known: this.registry.listCredentialTypes().map((t) => t.name) },
      });
    }
    return type;
  }

  decrypt(row: Pick<Row, 'data'>): Data {
    const parsed = dataSchema.safeParse(this.security.cipher.decryptJson(row.data));
    if (!parsed.success)
      throw new GuixuError('ENCRYPTED_DATA_INVALID', 'Stored credential data is not an object', {
        audience: 'operator',
      });
    return parsed.data;
  }

  /** Secret fields masked, internal fields dropped. */
  mask(type: CredentialTypeDefinition, data: Data): Data {
    const out: Data = {};
    for (const [key, value] of Object.entries(data)) {
      if ((INTERNAL_FIELDS as readonly string[]).includes(key)) continue;
      out[key] =
        type.secretFields.includes(key) && value !== '' && value !== undefined
          ? CREDENTIAL_SECRET_MASK
          : value;
    }
    return out;
  }

  private validate(type: CredentialTypeDefinition, data: Data): Data {
    const clean: Data = {};
    for (const [key, value] of Object.entries(data)) {
      if (!(key in type.fields)) {
        throw new GuixuError(
          'CREDENTIAL_DATA_INVALID',
          `Credential type "${type.name}" has no field "${key}"`,
          {
            details: { field: `data.${key}` },
          },
        );
      }
      clean[key] = value;
    }
    const issues = checkParams(type.fields, clean);
    if (issues.length > 0) {
      throw new GuixuError(
        'CREDENTIAL_DATA_INVALID',
        `Invalid credential data: ${issues[0].parameter}: ${issues[0].message}`,
        {
          details: { issues: issues.map((i) => ({ field: `data.${i.parameter}`, message: i.message })) },
        },
      );
    }
    return clean;
  }

  async row(id: string): Promise<Row> {
    const row = await this.db.selectFrom('credentials').selectAll().where('id', '=', id).executeTakeFirst();
    if (row === undefined) throw notFound('credential', id);
    return row;
  }

  async toDto(row: Row, actor: Actor) {
    const type = this.registry.credentialType(row.type);
    const sharedWith = await sharesOf(this.db, 'credential', row.id);
    const ref = { type: 'credential' as const, projectId: row.project_id, sharedWith };
    const showData = can(actor, 'update', ref) && type !== undefined;
    const data = showData ? this.decrypt(row) : undefined;
    return {
      id: row.id,
      name: row.name,
      type: row.type,
      projectId: row.project_id,
      ...(data !== undefined && type !== undefined
        ? { data: this.mask(type, data), connected: data.oauthTokenData !== undefined }
        : {}),
      sharedWith,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  async list(actor: Actor, filter: { projectId?: string; type?: string }) {
    let query = scopeToActor(this.db.selectFrom('credentials').selectAll(), actor, 'credentials')
      .orderBy('name')
      .orderBy('id');
    if (filter.projectId) query = query.where('project_id', '=', filter.projectId);
    if (filter.type) query = query.where('type', '=', filter.type);
    const rows = await query.execute();
    return Promise.all(rows.map((r) => this.toDto(r, actor)));
  }

  async create(
    input: { name: string; type: string; projectId: string; data: Data },
    actor: Actor,
  ): Promise<Row> {
    const type = this.type(input.type);
    rejectInternalFields(input.data);
    const data = this.validate(type, input.data);
    const now = nowIso();
    const row: Row = {
      id: newId(),
      project_id: input.projectId,
      name: input.name,
      type: type.name,
      data: this.security.cipher.encryptJson(data),
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    };
    try {
      await this.db.insertInto('credentials').values(row).execute();
    } catch (error) {
      if (this.security.database.adapter.isUniqueViolation(error)) throw credentialExists(input.name);
      throw error;
    }
    return row;
  }

  /** Merges new data over the stored data; a masked value keeps the stored secret. */
  mergeData(type: CredentialTypeDefinition, stored: Data, incoming: Data): Data {
    const merged: Data = {};
    for (const [key, value] of Object.entries(incoming)) {
      merged[key] = value === CREDENTIAL_SECRET_MASK ? stored[key] : value;
    }
    return this.validate(type, merged);
  }

  async update(
    id: string,
    patch: { name?: string; data?: Data },
  ): Promise<{ before: Row; after: Row; changed: string[] }> {
    const before = await this.row(id);
    const type = this.type(before.type);
    const stored = this.decrypt(before);
    let next = stored;
    const changed: string[] = [];
    if (patch.data !== undefined) {
      rejectInternalFields(patch.data);
      const merged = this.mergeData(type, stored, patch.data);
      for (const key of new Set([...Object.keys(merged), ...Object.keys(stored)])) {
        if ((INTERNAL_FIELDS as readonly string[]).includes(key)) continue;
        if (JSON.stringify(merged[key]) !== JSON.stringify(stored[key])) changed.push(key);
      }
      // Keep server-managed fields (tokens) unless the fields they came from changed.
      next = {
        ...merged,
        ...(changed.length === 0 && stored.oauthTokenData ? { oauthTokenData: stored.oauthTokenData } : {}),
      };
    }
    const after: Row = {
      ...before,
      name: patch.name ?? before.name,
      data: patch.data === undefined ? before.data : this.security.cipher.encryptJson(next),
      updated_at: nowIso(),
    };
    try {
      await this.db
        .updateTable('credentials')
        .set({ name: after.name, data: after.data, updated_at: after.updated_at })
        .where('id', '=', id)
        .execute();
    } catch (error) {
      if (this.security.database.adapter.isUniqueViolation(error)) throw credentialExists(after.name);
      throw error;
    }
    return { before, after, changed };
  }

  async saveInternal(id: string, data: Data): Promise<void> {
    await this.db
      .updateTable('credentials')
      .set({ data: this.security.cipher.encryptJson(data), updated_at: nowIso() })
      .where('id', '=', id)
      .execute();
  }

  async delete(id: string): Promise<Row> {
    const row = await this.row(id);
    await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('shared_resources')
        .where('resource_type', '=', 'credential')
        .where('resource_id', '=', id)
        .execute();
      await trx.deleteFrom('credentials').where('id', '=', id).execute();
    });
    return row;
  }

  async test(typeName: string, data: Data, signal: AbortSignal): Promise<{ ok: boolean; message: string }> {
    const type = this.type(typeName);
    if (type.test === undefined)
      return { ok: true, message: `Credential type "${type.displayName}" has no connection test` };
    try {
      return await type.test(this.validate(type, data), signal);
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }

  /** A resource picker's list from the credential's service (`listOptions[list]` of its type). */
  async options(typeName: string, list: string, data: Data, signal: AbortSignal): Promise<Choice[]> {
    const type = this.type(typeName);
    const load = type.listOptions?.[list];
    if (load === undefined) {
      throw new GuixuError(
        'CREDENTIAL_OPTIONS_NOT_FOUND',
        `Credential type "${type.displayName}" offers no "${list}" list`,
        { details: { type: typeName, list } },
      );
    }
    return load(this.validate(type, data), signal);
  }

  /**
   * The engine's CredentialProvider for runs of a workflow in `projectId`: a
   * node gets a credential of its project or one shared into it with `use`,
   * decrypted only for that call.
   */
  providerFor(options: { projectId: string | null }): CredentialProvider {
    return {
      get: async (request: CredentialRequest) => {
        const row = await this.resolveForRun(request, options.projectId);
        return this.freshData(row);
      },
    };
  }

  /** Decrypted data; an OAuth2 access token about to expire is refreshed (and stored) first. */
  async freshData(row: Row): Promise<Data> {
    const data = this.decrypt(row);
    const token = oauthTokenDataSchema.safeParse(data.oauthTokenData);
    if (!token.success || token.data.refresh_token === undefined || token.data.expires_at === undefined)
      return data;
    if (token.data.expires_at - REFRESH_MARGIN_MS > Date.now()) return data;
    const fields = authCodeFieldsSchema.safeParse(data);
    if (!fields.success) return data;
    const next = tokenData(await refreshedToken(clientOf(fields.data), token.data.refresh_token));
    // Providers that do not rotate refresh tokens omit them from the answer.
    const merged = { ...data, oauthTokenData: { refresh_token: token.data.refresh_token, ...next } };
    await this.saveInternal(row.id, merged);
    return merged;
  }

  private async resolveForRun(request: CredentialRequest, projectId: string | null): Promise<Row> {
    const missing = () =>
      new GuixuError(
        'CREDENTIAL_NOT_FOUND',
        `Credential "${request.ref.name}" (${request.type}) was not found or is not available to this workflow's project`,
        {
          node: request.node,
          details: { credential: request.ref, type: request.type },
        },
      );
    let query = this.db.selectFrom('credentials').selectAll().where('type', '=', request.type);
    query = request.ref.id
      ? query.where('id', '=', request.ref.id)
      : query.where('name', '=', request.ref.name);
    const rows = await query.execute();
    for (const row of rows) {
      // A run outside any project (or one the runner does not know) gets only credentials outside any project.
      if (row.project_id === projectId) return row;
      if (projectId === null) continue;
      const shares = await sharesOf(this.db, 'credential', row.id);
      if (shares.some((s) => s.projectId === projectId && s.access === 'use')) return row;
    }
    throw missing();
  }
}
