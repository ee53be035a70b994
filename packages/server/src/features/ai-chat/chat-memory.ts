import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/dialect.ts';
import type { Tables } from '../../db/tables.ts';
import type { AiRun } from '../../execution-host/ai-services.ts';
import { newId, nowIso } from '../../ids.ts';

/** Turns kept per session; older ones are deleted as new ones arrive (the memory sends far fewer). */
const MAX_TURNS = 500;

const inProject = (projectId: string | null) => (eb: ExpressionBuilder<Tables, 'ai_chat_messages'>) =>
  projectId === null ? eb('project_id', 'is', null) : eb('project_id', '=', projectId);

/**
 * Window Buffer Memory's storage (the nodes' `aiChatMemory`): one row per turn,
 * scoped by the run's project as the main thread knows it, so a run never reads
 * another project's chat whatever key it names. The node's key is
 * `<workflow id>:<session id>`; the session id is kept apart for the chat API.
 */
export class ChatMemory {
  constructor(private readonly database: Database) {}

  async load(run: AiRun, key: string, turns: number): Promise<unknown[]> {
    const rows = await this.database.db
      .selectFrom('ai_chat_messages')
      .select(['messages'])
      .where(inProject(run.projectId))
      .where('session_key', '=', key)
      .orderBy('seq', 'desc')
      .limit(Math.max(1, Math.min(1000, Math.floor(turns))))
      .execute();
    return rows.reverse().flatMap((r) => {
      const messages = this.database.adapter.readJson(r.messages);
      return Array.isArray(messages) ? messages : [];
    });
  }

  async append(run: AiRun, key: string, messages: unknown[]): Promise<void> {
    const db = this.database.db;
    const last = await db
      .selectFrom('ai_chat_messages')
      .select((eb) => eb.fn.max<number>('seq').as('seq'))
      .where(inProject(run.projectId))
      .where('session_key', '=', key)
      .executeTakeFirst();
    const seq = Number(last?.seq ?? 0) + 1;
    const prefix = run.workflowId === null ? undefined : `${run.workflowId}:`;
    await db
      .insertInto('ai_chat_messages')
      .values({
        id: newId(),
        project_id: run.projectId,
        workflow_id: run.workflowId,
        session_key: key,
        session_id: prefix && key.startsWith(prefix) ? key.slice(prefix.length) : key,
        messages: this.database.adapter.json(messages),
        seq,
        created_at: nowIso(),
      })
      .execute();
    if (seq > MAX_TURNS) {
      await db
        .deleteFrom('ai_chat_messages')
        .where(inProject(run.projectId))
        .where('session_key', '=', key)
        .where('seq', '<=', seq - MAX_TURNS)
        .execute();
    }
  }

  async clear(run: AiRun, key: string): Promise<void> {
    await this.database.db
      .deleteFrom('ai_chat_messages')
      .where(inProject(run.projectId))
      .where('session_key', '=', key)
      .execute();
  }

  /**
   * Sessions a workflow's memory keeps in its current project, newest first (the
   * chat API; the route checked the workflow). Turns from before a move to another
   * project stay with the old project.
   */
  async sessions(workflowId: string, projectId: string | null) {
    const rows = await this.database.db
      .selectFrom('ai_chat_messages')
      .select([
        'session_id',
        (eb) => eb.fn.countAll<number>().as('turns'),
        (eb) => eb.fn.max('created_at').as('last'),
      ])
      .where('workflow_id', '=', workflowId)
      .where(inProject(projectId))
      .groupBy('session_id')
      .execute();
    return rows
      .map((r) => ({ sessionId: r.session_id, turns: Number(r.turns), lastMessageAt: String(r.last) }))
      .sort(
        (a, b) => b.lastMessageAt.localeCompare(a.lastMessageAt) || a.sessionId.localeCompare(b.sessionId),
      );
  }

  async history(workflowId: string, projectId: string | null, sessionId: string) {
    const rows = await this.database.db
      .selectFrom('ai_chat_messages')
      .select(['messages', 'created_at'])
      .where('workflow_id', '=', workflowId)
      .where(inProject(projectId))
      .where('session_id', '=', sessionId)
      .orderBy('seq')
      .orderBy('created_at')
      .execute();
    return rows.map((r) => {
      const messages = this.database.adapter.readJson(r.messages);
      return { at: r.created_at, messages: Array.isArray(messages) ? messages : [] };
    });
  }

  async forget(workflowId: string, projectId: string | null, sessionId: string): Promise<void> {
    await this.database.db
      .deleteFrom('ai_chat_messages')
      .where('workflow_id', '=', workflowId)
      .where(inProject(projectId))
      .where('session_id', '=', sessionId)
      .execute();
  }
}
