import { GuixuError } from '@guixu/core';
import { placeholdersOf, type PromptTemplateContent, renderPromptTemplate } from '@guixu/nodes';
import type { Insertable, Selectable } from 'kysely';
import type { Database } from '../../db/dialect.ts';
import type { PromptTemplatesTable, PromptTemplateVersionsTable } from '../../db/tables.ts';
import type { AiRun } from '../../execution-host/ai-services.ts';
import { conflict, notFound } from '../../http/http-errors.ts';
import { newId, nowIso } from '../../ids.ts';
import type { Actor } from '../../security/policy.ts';
import { scopeToActor } from '../../security/scope.ts';

type TemplateRow = Selectable<PromptTemplatesTable>;
type VersionRow = Selectable<PromptTemplateVersionsTable>;

export interface PromptVariable {
  name: string;
  description: string;
  default?: string;
}

export interface PromptContent {
  system: string;
  prompt: string;
  variables: PromptVariable[];
}

/** Declared variables first, then every other `{{name}}` of the text (so a preview form lists them all). */
export function variablesOf(content: PromptContent): PromptVariable[] {
  const declared = new Map(content.variables.map((v) => [v.name, v]));
  for (const name of placeholdersOf(content.system, content.prompt))
    if (!declared.has(name)) declared.set(name, { name, description: '' });
  return [...declared.values()];
}

/** The project's prompt library (`ctx.services.get('aiPrompts')`): templates with numbered, immutable versions. */
export class PromptTemplateStore {
  constructor(private readonly database: Database) {}

  private versionDto(row: VersionRow) {
    const stored = this.database.adapter.readJson(row.variables);
    const variables: PromptVariable[] = Array.isArray(stored)
      ? stored.flatMap((v: unknown) =>
          typeof v === 'object' && v !== null && typeof Reflect.get(v, 'name') === 'string'
            ? [
                {
                  name: String(Reflect.get(v, 'name')),
                  description: String(Reflect.get(v, 'description') ?? ''),
                  ...(typeof Reflect.get(v, 'default') === 'string'
                    ? { default: String(Reflect.get(v, 'default')) }
                    : {}),
                },
              ]
            : [],
        )
      : [];
    const content = { system: row.system, prompt: row.prompt, variables };
    return { version: row.version, ...content, variables: variablesOf(content), createdAt: row.created_at };
  }

  private async dto(row: TemplateRow) {
    return {
      id: row.id,
      projectId: row.project_id,
      name: row.name,
      description: row.description,
      latestVersion: row.latest_version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      current: await this.version(row.id, row.latest_version),
    };
  }

  async row(id: string): Promise<TemplateRow> {
    const row = await this.database.db
      .selectFrom('prompt_templates')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('prompt template', id);
    return row;
  }

  async list(actor: Actor, projectId?: string) {
    let query = scopeToActor(
      this.database.db.selectFrom('prompt_templates').selectAll(),
      actor,
      'prompt_templates',
    )
      .orderBy('name')
      .orderBy('id');
    if (projectId) query = query.where('project_id', '=', projectId);
    const rows = await query.execute();
    return Promise.all(rows.map((r) => this.dto(r)));
  }

  async get(id: string) {
    return this.dto(await this.row(id));
  }

  async create(
    input: { projectId: string; name: string; description: string } & PromptContent,
    by: string | null,
  ) {
    const now = nowIso();
    const row: TemplateRow = {
      id: newId(),
      project_id: input.projectId,
      name: input.name,
      description: input.description,
      latest_version: 1,
      created_at: now,
      updated_at: now,
    };
    await this.unique(input.name, async () => {
      await this.database.db.transaction().execute(async (trx) => {
        await trx.insertInto('prompt_templates').values(row).execute();
        await trx
          .insertInto('prompt_template_versions')
          .values(this.versionRow(row.id, 1, input, by, now))
          .execute();
      });
    });
    return this.dto(row);
  }

  async update(
    id: string,
    patch: { name?: string; description?: string } & Partial<PromptContent>,
    by: string | null,
  ) {
    const before = await this.row(id);
    const current = await this.version(id, before.latest_version);
    const content: PromptContent = {
      system: patch.system ?? current.system,
      prompt: patch.prompt ?? current.prompt,
      variables: patch.variables ?? current.variables,
    };
    const changed =
      JSON.stringify(variablesOf(content)) !== JSON.stringify(current.variables) ||
      content.system !== current.system ||
      content.prompt !== current.prompt;
    const now = nowIso();
    const after: TemplateRow = {
      ...before,
      name: patch.name ?? before.name,
      description: patch.description ?? before.description,
      latest_version: changed ? before.latest_version + 1 : before.latest_version,
      updated_at: now,
    };
    await this.unique(after.name, async () => {
      await this.database.db.transaction().execute(async (trx) => {
        // Guarded by the version read above: a concurrent edit makes this update miss and fail.
        const updated = await trx
          .updateTable('prompt_templates')
          .set({
            name: after.name,
            description: after.description,
            latest_version: after.latest_version,
            updated_at: now,
          })
          .where('id', '=', id)
          .where('latest_version', '=', before.latest_version)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) {
          throw conflict(
            'PROMPT_TEMPLATE_CONFLICT',
            'The template was changed meanwhile; reload it and try again',
          );
        }
        if (changed)
          await trx
            .insertInto('prompt_template_versions')
            .values(this.versionRow(id, after.latest_version, content, by, now))
            .execute();
      });
    });
    return { before, after: await this.dto(after) };
  }

  async delete(id: string): Promise<TemplateRow> {
    const row = await this.row(id);
    await this.database.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('prompt_template_versions').where('template_id', '=', id).execute();
      await trx.deleteFrom('prompt_templates').where('id', '=', id).execute();
    });
    return row;
  }

  async versions(id: string) {
    await this.row(id);
    const rows = await this.database.db
      .selectFrom('prompt_template_versions')
      .selectAll()
      .where('template_id', '=', id)
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => this.versionDto(r));
  }

  async version(id: string, version: number) {
    const row = await this.database.db
      .selectFrom('prompt_template_versions')
      .selectAll()
      .where('template_id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (!row) throw notFound('prompt template version', `${id}@${version}`);
    return this.versionDto(row);
  }

  async preview(id: string, version: number | undefined, values: Record<string, string>) {
    const row = await this.row(id);
    const content = await this.version(id, version ?? row.latest_version);
    return { version: content.version, ...renderPromptTemplate(content, values) };
  }

  /** What a run's LLM Chain or Agent gets: only templates of the run's own project. */
  async forRun(run: AiRun, id: string, version?: number): Promise<PromptTemplateContent> {
    const row = await this.database.db
      .selectFrom('prompt_templates')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || run.projectId === null || row.project_id !== run.projectId) {
      throw new GuixuError(
        'AI_PROMPT_TEMPLATE_NOT_FOUND',
        `Prompt template "${id}" is not in this workflow's project`,
        {
          parameter: 'promptTemplateId',
          description: 'Pick a template of the project library (Prompt templates), or clear the field.',
        },
      );
    }
    const content = await this.version(id, version ?? row.latest_version).catch(() => {
      throw new GuixuError(
        'AI_PROMPT_TEMPLATE_NOT_FOUND',
        `Prompt template "${row.name}" has no version ${version}`,
        {
          parameter: 'promptTemplateVersion',
        },
      );
    });
    return {
      id,
      version: content.version,
      system: content.system,
      prompt: content.prompt,
      variables: content.variables,
    };
  }

  private versionRow(
    templateId: string,
    version: number,
    content: PromptContent,
    by: string | null,
    at: string,
  ): Insertable<PromptTemplateVersionsTable> {
    return {
      template_id: templateId,
      version,
      system: content.system,
      prompt: content.prompt,
      variables: this.database.adapter.json(variablesOf(content)),
      created_by: by,
      created_at: at,
    };
  }

  private async unique(name: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (error) {
      if (this.database.adapter.isUniqueViolation(error)) {
        throw conflict(
          'PROMPT_TEMPLATE_EXISTS',
          `A prompt template "${name}" already exists in this project`,
          {
            field: 'name',
          },
        );
      }
      throw error;
    }
  }
}
