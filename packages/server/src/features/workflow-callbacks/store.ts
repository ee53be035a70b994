import type { Database } from '../../db/dialect.ts';
import type { WorkflowCallbackDeliveriesTable } from '../../db/tables.ts';
import { newId, nowIso } from '../../ids.ts';
import type { Cipher } from '../../security/encryption.ts';

export type Delivery = Pick<
  WorkflowCallbackDeliveriesTable,
  'id' | 'workflow_id' | 'execution_id' | 'url' | 'payload' | 'attempts' | 'next_attempt_at'
>;

/** Secrets (encrypted with the instance key) and the outbox of callbacks, in the database. */
export class CallbackStore {
  constructor(
    private readonly database: Database,
    private readonly cipher: Cipher,
  ) {}

  async setSecret(workflowId: string, secret: string): Promise<void> {
    const row = { workflow_id: workflowId, secret: this.cipher.encrypt(secret), created_at: nowIso() };
    await this.database.db
      .insertInto('workflow_callback_secrets')
      .values(row)
      .onConflict((oc) =>
        oc.column('workflow_id').doUpdateSet({ secret: row.secret, created_at: row.created_at }),
      )
      .execute();
  }

  async secret(workflowId: string): Promise<string | undefined> {
    const row = await this.database.db
      .selectFrom('workflow_callback_secrets')
      .select('secret')
      .where('workflow_id', '=', workflowId)
      .executeTakeFirst();
    return row ? this.cipher.decrypt(row.secret) : undefined;
  }

  async settingsOf(workflowId: string): Promise<unknown> {
    const row = await this.database.db
      .selectFrom('workflows')
      .select('settings')
      .where('id', '=', workflowId)
      .executeTakeFirst();
    return row ? this.database.adapter.readJson(row.settings) : undefined;
  }

  /** Queues a callback; undefined when another main queued it already. */
  async enqueue(entry: {
    workflowId: string;
    executionId: string;
    url: string;
    payload: string;
  }): Promise<Delivery | undefined> {
    const now = nowIso();
    const row = {
      id: newId(),
      workflow_id: entry.workflowId,
      execution_id: entry.executionId,
      url: entry.url,
      payload: entry.payload,
      status: 'pending' as const,
      attempts: 0,
      next_attempt_at: now,
      last_error: null,
      created_at: now,
    };
    const inserted = await this.database.db
      .insertInto('workflow_callback_deliveries')
      .values(row)
      .onConflict((oc) => oc.columns(['execution_id', 'url']).doNothing())
      .executeTakeFirst();
    return Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0 ? row : undefined;
  }

  pending(): Promise<Delivery[]> {
    return this.database.db
      .selectFrom('workflow_callback_deliveries')
      .select(['id', 'workflow_id', 'execution_id', 'url', 'payload', 'attempts', 'next_attempt_at'])
      .where('status', '=', 'pending')
      .orderBy('next_attempt_at')
      .execute();
  }

  async delivered(id: string): Promise<void> {
    await this.database.db.deleteFrom('workflow_callback_deliveries').where('id', '=', id).execute();
  }

  async retryLater(id: string, attempts: number, next: string | undefined, error: string): Promise<void> {
    await this.database.db
      .updateTable('workflow_callback_deliveries')
      .set({
        attempts,
        last_error: error,
        ...(next ? { next_attempt_at: next } : { status: 'failed' as const }),
      })
      .where('id', '=', id)
      .execute();
  }
}
