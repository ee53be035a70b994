import { GuixuError } from '@guixu/core';
import type { Database } from '../../db/dialect.ts';
import { nowIso } from '../../ids.ts';
import type { Actor } from '../../security/policy.ts';
import { scopeToActor } from '../../security/scope.ts';
import { shapeOf, type WebhookEntry } from './webhook-entry.ts';

export interface StoredWebhook {
  method: string;
  path: string;
  workflowId: string;
  nodeName: string;
}

/**
 * The `webhooks` table: which workflow owns each method + path, shared by
 * every instance on the database, so a path taken anywhere is refused.
 */
export class WebhookStore {
  constructor(private readonly database: Database) {}

  /** Replaces the workflow's rows; throws WEBHOOK_PATH_TAKEN when another workflow holds a colliding path. */
  async replace(workflowId: string, entries: readonly WebhookEntry[]): Promise<void> {
    const { db, adapter } = this.database;
    await this.assertFree(workflowId, entries);
    try {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('webhooks').where('workflow_id', '=', workflowId).execute();
        if (entries.length === 0) return;
        const createdAt = nowIso();
        await trx
          .insertInto('webhooks')
          .values(
            entries.map((e) => ({
              method: e.method,
              path: e.path,
              workflow_id: workflowId,
              node_id: e.node.id,
              node_name: e.node.name,
              is_dynamic: adapter.bool(e.dynamic),
              segment_count: e.segments.length,
              project_id: null,
              created_at: createdAt,
            })),
          )
          .execute();
      });
    } catch (error) {
      if (!adapter.isUniqueViolation(error)) throw error;
      // Another activation won the race between the check and the insert.
      await this.assertFree(workflowId, entries);
      throw error;
    }
  }

  async remove(workflowId: string): Promise<void> {
    await this.database.db.deleteFrom('webhooks').where('workflow_id', '=', workflowId).execute();
  }

  /** Registered webhooks; with an actor, only those of workflows it may see. */
  async list(workflowId?: string, actor?: Actor): Promise<StoredWebhook[]> {
    let query = this.database.db
      .selectFrom('webhooks')
      .innerJoin('workflows', 'workflows.id', 'webhooks.workflow_id')
      .select(['webhooks.method', 'webhooks.path', 'webhooks.workflow_id', 'webhooks.node_name'])
      .orderBy('webhooks.path')
      .orderBy('webhooks.method');
    if (actor !== undefined) query = scopeToActor(query, actor, 'workflows');
    if (workflowId !== undefined) query = query.where('webhooks.workflow_id', '=', workflowId);
    const rows = await query.execute();
    return rows.map((r) => ({
      method: r.method,
      path: r.path,
      workflowId: r.workflow_id,
      nodeName: r.node_name,
    }));
  }

  private async assertFree(workflowId: string, entries: readonly WebhookEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const methods = [...new Set(entries.map((e) => e.method))];
    const paths = [...new Set(entries.map((e) => e.path))];
    const counts = [...new Set(entries.filter((e) => e.dynamic).map((e) => e.segments.length))];
    const { db, adapter } = this.database;
    const rows = await db
      .selectFrom('webhooks')
      .select(['method', 'path', 'workflow_id', 'node_name', 'is_dynamic'])
      .where('workflow_id', '<>', workflowId)
      .where('method', 'in', methods)
      .where((eb) =>
        counts.length === 0
          ? eb('path', 'in', paths)
          : eb.or([
              eb('path', 'in', paths),
              eb.and([eb('is_dynamic', '=', adapter.bool(true)), eb('segment_count', 'in', counts)]),
            ]),
      )
      .execute();
    for (const entry of entries) {
      const shape = shapeOf(entry.segments);
      const other = rows.find((r) => r.method === entry.method && shapeOf(r.path.split('/')) === shape);
      if (other)
        throw pathTaken(entry, {
          workflowId: other.workflow_id,
          nodeName: other.node_name,
          path: other.path,
        });
    }
  }
}

/**
 * The path is public (anyone may call it), but which workflow holds it is not:
 * it may belong to another tenant, so the answer names neither its id nor its node.
 */
export function pathTaken(
  entry: Pick<WebhookEntry, 'method' | 'path' | 'node'>,
  other: { workflowId: string; nodeName: string; path: string },
): GuixuError {
  const same = other.path === entry.path ? '' : ` (as /${other.path})`;
  return new GuixuError(
    'WEBHOOK_PATH_TAKEN',
    `${entry.method} /${entry.path} is already used${same} by another workflow; change the path of node "${entry.node.name}"`,
    {
      node: entry.node.name,
      parameter: 'path',
      details: { method: entry.method, path: entry.path, takenBy: { path: other.path } },
    },
  );
}
