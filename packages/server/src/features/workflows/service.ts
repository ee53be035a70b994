import type {
  ConvertWorkflowBody,
  CreateWorkflowBody,
  ImportFormat,
  ImportReport,
  ImportWorkflowBody,
  ListWorkflowsQuery,
  UpdateWorkflowBody,
  WorkflowDiff,
  WorkflowDocument,
  WorkflowRecord,
  WorkflowSummary,
} from '@guixu/api';
import { GuixuError, type NodeRegistry, validateWorkflow, type Workflow } from '@guixu/core';
import type { Database } from '../../db/dialect.ts';
import { notFound } from '../../http/http-errors.ts';
import { newId, nowIso } from '../../ids.ts';
import { forbidden } from '../../security/errors.ts';
import { type Actor, decide } from '../../security/policy.ts';
import { locateResource } from '../../security/resources.ts';
import { actorScope } from '../../security/scope.ts';
import { securityDb } from '../../security/tables.ts';
import { assertWorkflowReferences } from '../../security/workflow-calls.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { TriggerRegistry } from '../../triggers.ts';
import type { TagRepository } from '../tags/repository.ts';
import { diffWorkflows } from './diff.ts';
import { createImporters, importDocument, type WorkflowImporter } from './importers.ts';
import { WorkflowRepository } from './repository.ts';
import { contentOf, type WorkflowContent } from './rows.ts';
import { activationProblems } from './activation.ts';
import { type StoredVersion, type VersionSummary, VersionRepository } from './versions-repository.ts';
import { type ActingAs, auditWorkflow, type WorkflowAuditAction, workflowDiff } from './workflow-audit.ts';

/** The author of saves nobody signed in made (imports by the CLI, tests of the service). */
export const SYSTEM_AUTHOR = 'system';

const authorOf = (by: ActingAs) => by.actor?.email ?? SYSTEM_AUTHOR;

export interface WorkflowServiceOptions {
  database: Database;
  tags: TagRepository;
  registry: NodeRegistry;
  /** Read on every activation, so a trigger service installed later takes over. */
  triggers: () => TriggerRegistry;
  /** Read on every change; absent in tests of the service alone. */
  audit?: () => AuditLog | undefined;
}

export type { ActingAs };

export class WorkflowService {
  private readonly repo: WorkflowRepository;
  private readonly versions: VersionRepository;
  private readonly importers: Map<ImportFormat, WorkflowImporter>;

  constructor(private readonly options: WorkflowServiceOptions) {
    this.repo = new WorkflowRepository(options.database, options.tags);
    this.versions = new VersionRepository(options.database);
    this.importers = createImporters(options.registry);
  }

  /** Adds or replaces the importer of a file format. */
  registerImporter(format: ImportFormat, importer: WorkflowImporter): void {
    this.importers.set(format, importer);
  }

  private get triggers(): TriggerRegistry {
    return this.options.triggers();
  }

  /**
   * A workflow that is not deleted (or, with `includeDeleted`, any). With an
   * `actor`, one in a project it cannot see is "not found", like one that never existed.
   */
  async get(
    id: string,
    options: { includeDeleted?: boolean; actor?: Actor | undefined } = {},
  ): Promise<WorkflowRecord> {
    const scope = options.actor ? actorScope(options.actor, 'workflows') : null;
    const found = await this.repo.find(id, undefined, scope);
    if (!found || (found.deletedAt !== null && !options.includeDeleted)) throw notFound('workflow', id);
    return found;
  }

  /** The workflows the actor may see (all of them without one). */
  list(
    query: ListWorkflowsQuery,
    actor?: Actor,
  ): Promise<{ data: WorkflowSummary[]; nextCursor: string | null }> {
    return this.repo.list(query, actor);
  }

  private async audit(
    action: WorkflowAuditAction,
    workflow: WorkflowRecord,
    by: ActingAs,
    extra: { diff?: Record<string, unknown>; detail?: string } = {},
  ): Promise<void> {
    await auditWorkflow(this.options.audit?.(), { action, workflow, by, ...extra });
  }

  /**
   * Creates a workflow in `body.projectId`, else the actor's personal project.
   * Access to that project is checked by the route (or, for a copy, by `duplicate`).
   */
  async create(body: CreateWorkflowBody, by: ActingAs = {}): Promise<WorkflowRecord> {
    const created = await this.insert(body, by);
    await this.audit('create', created, by);
    return created;
  }

  private async insert(body: CreateWorkflowBody, by: ActingAs): Promise<WorkflowRecord> {
    const author = authorOf(by);
    const projectId = body.projectId ?? by.actor?.personalProjectId ?? null;
    const id = newId();
    const content: WorkflowContent = {
      name: body.name,
      nodes: body.nodes,
      connections: body.connections,
      settings: body.settings,
      pinData: body.pinData,
      meta: body.meta,
    };
    const version = { id: newId(), version: 1, author, message: body.message ?? null, createdAt: nowIso() };
    await this.assertReferences(projectId, toWorkflow(id, content));
    await this.repo.transaction((db) =>
      this.repo.insert(db, { id, projectId, content, version, tagNames: body.tags ?? [] }),
    );
    return this.get(id);
  }

  async update(id: string, body: UpdateWorkflowBody, by: ActingAs = {}): Promise<WorkflowRecord> {
    const current = await this.editable(id, by);
    if (body.expectedVersion !== undefined && body.expectedVersion !== current.version) {
      throw versionConflict(id, body.expectedVersion, current.version);
    }
    const before = contentOf(current);
    const content: WorkflowContent = {
      name: body.name ?? before.name,
      nodes: body.nodes ?? before.nodes,
      connections: body.connections ?? before.connections,
      settings: body.settings ?? before.settings,
      pinData: body.pinData === null ? undefined : (body.pinData ?? before.pinData),
      meta: body.meta === null ? undefined : (body.meta ?? before.meta),
    };
    const saved = await this.save(current, content, {
      author: authorOf(by),
      message: body.message ?? null,
      tags: body.tags,
    });
    await this.audit('update', saved, by, { diff: workflowDiff(current, saved) });
    return saved;
  }

  /** Saves `content` as the next version; an active workflow is re-validated and its triggers re-registered. */
  private async save(
    current: WorkflowRecord,
    content: WorkflowContent,
    meta: { author: string; message: string | null; tags: string[] | undefined },
  ): Promise<WorkflowRecord> {
    const next = current.version + 1;
    const document = toWorkflow(current.id, content);
    await this.assertReferences(current.projectId, document);
    if (current.active) {
      this.assertActivatable(document);
      await this.triggers.activate({ id: current.id, version: next, workflow: document });
    }
    const version = {
      id: newId(),
      version: next,
      author: meta.author,
      message: meta.message,
      createdAt: nowIso(),
    };
    let saved = false;
    try {
      saved = await this.repo.transaction((db) =>
        this.repo.saveVersion(db, current.id, content, version, meta.tags),
      );
    } finally {
      if (!saved && current.active) {
        await this.triggers.activate({
          id: current.id,
          version: current.version,
          workflow: toWorkflow(current.id, contentOf(current)),
        });
      }
    }
    if (!saved) throw versionConflict(current.id, current.version, undefined);
    return this.get(current.id);
  }

  async delete(id: string, permanent: boolean, by: ActingAs = {}): Promise<void> {
    const current = await this.get(id, { includeDeleted: true, actor: by.actor });
    if (permanent) {
      if (current.deletedAt === null) {
        throw new GuixuError(
          'WORKFLOW_NOT_DELETED',
          `Workflow "${id}" must be deleted before it is removed permanently`,
          {
            details: { id },
          },
        );
      }
      await this.repo.deletePermanently(id);
      await this.audit('purge', current, by);
      return;
    }
    if (current.deletedAt !== null) return;
    if (current.active) await this.triggers.deactivate(id);
    await this.repo.setDeleted(id, nowIso());
    await this.audit('delete', current, by);
  }

  async restore(id: string, by: ActingAs = {}): Promise<WorkflowRecord> {
    const current = await this.get(id, { includeDeleted: true, actor: by.actor });
    if (current.deletedAt === null) {
      throw new GuixuError('WORKFLOW_NOT_DELETED', `Workflow "${id}" is not deleted`, { details: { id } });
    }
    await this.repo.setDeleted(id, null);
    const restored = await this.get(id);
    await this.audit('restore', restored, by);
    return restored;
  }

  /** A copy in `body.projectId` (else the actor's personal project), where the actor must be allowed to create. */
  async duplicate(
    id: string,
    body: { name?: string; tags?: string[]; projectId?: string } = {},
    by: ActingAs = {},
  ): Promise<WorkflowRecord> {
    const source = await this.get(id, { actor: by.actor });
    const projectId = body.projectId ?? by.actor?.personalProjectId ?? source.projectId;
    if (by.actor !== undefined) await this.assertMayCreateIn(by.actor, projectId);
    const copy = await this.insert(
      {
        name: body.name ?? `${source.name} (copy)`.slice(0, 128),
        nodes: source.nodes,
        connections: source.connections,
        settings: source.settings,
        pinData: source.pinData ?? undefined,
        meta: source.meta ?? undefined,
        tags: body.tags ?? source.tags.map((t) => t.name),
        message: `Duplicated from ${source.id} version ${source.version}`,
        ...(projectId === null ? {} : { projectId }),
      },
      by,
    );
    await this.audit('duplicate', copy, by, { detail: `from workflow ${source.id}` });
    return copy;
  }

  async activate(id: string, by: ActingAs = {}): Promise<WorkflowRecord> {
    const current = await this.editable(id, by);
    const document = toWorkflow(id, contentOf(current));
    this.assertActivatable(document);
    await this.assertReferences(current.projectId, document);
    await this.triggers.activate({ id, version: current.version, workflow: document });
    if (!current.active) await this.repo.setActive(id, true);
    const activated = await this.get(id);
    if (!current.active) await this.audit('activate', activated, by);
    return activated;
  }

  async deactivate(id: string, by: ActingAs = {}): Promise<WorkflowRecord> {
    const current = await this.editable(id, by);
    if (current.active) {
      await this.triggers.deactivate(id);
      await this.repo.setActive(id, false);
    }
    const deactivated = await this.get(id);
    if (current.active) await this.audit('deactivate', deactivated, by);
    return deactivated;
  }

  /** At start: registers the triggers of every active workflow. Failures are reported, not fatal. */
  async reactivateAll(onError: (id: string, error: unknown) => void): Promise<number> {
    let count = 0;
    for (const id of await this.repo.activeIds()) {
      try {
        const current = await this.get(id);
        await this.triggers.activate({
          id,
          version: current.version,
          workflow: toWorkflow(id, contentOf(current)),
        });
        count++;
      } catch (error) {
        onError(id, error);
      }
    }
    return count;
  }

  async export(id: string, by: ActingAs = {}): Promise<WorkflowDocument> {
    const current = await this.get(id, { actor: by.actor });
    return {
      id: current.id,
      name: current.name,
      nodes: current.nodes,
      connections: current.connections,
      settings: current.settings,
      pinData: current.pinData ?? undefined,
      ...(current.meta === null ? {} : { meta: current.meta }),
      tags: current.tags.map((t) => t.name),
    };
  }

  /** A workflow file or nodes copied in n8n's editor as GuixuFlow nodes, nothing saved. */
  async convert(body: ConvertWorkflowBody): Promise<{
    workflow: { name?: string; nodes: WorkflowRecord['nodes']; connections: WorkflowRecord['connections'] };
    format: ImportFormat;
    warnings: string[];
    report?: ImportReport;
  }> {
    const imported = await importDocument(this.importers, body.workflow, body.format);
    const { name, nodes, connections } = imported.workflow;
    return {
      workflow: { ...(name ? { name } : {}), nodes, connections },
      format: imported.format,
      warnings: imported.warnings,
      ...(imported.report ? { report: imported.report } : {}),
    };
  }

  async import(
    body: ImportWorkflowBody,
    by: ActingAs = {},
  ): Promise<{
    workflow: WorkflowRecord;
    format: ImportWorkflowBody['format'] & string;
    warnings: string[];
    report?: ImportReport;
  }> {
    const imported = await importDocument(this.importers, body.workflow, body.format);
    const doc = imported.workflow;
    const workflow = await this.insert(
      {
        name: (body.name ?? doc.name).trim().slice(0, 128) || 'Imported workflow',
        nodes: doc.nodes,
        connections: doc.connections,
        settings: doc.settings,
        pinData: doc.pinData,
        meta: doc.meta,
        tags:
          body.tags ??
          doc.tags
            ?.slice(0, 100)
            .map((t) => t.trim().slice(0, 64))
            .filter((t) => t !== ''),
        message: `Imported from ${imported.format}`,
        ...(body.projectId === undefined ? {} : { projectId: body.projectId }),
      },
      by,
    );
    await this.audit('import', workflow, by, { detail: `from a ${imported.format} file` });
    return {
      workflow,
      format: imported.format,
      warnings: imported.warnings,
      ...(imported.report ? { report: imported.report } : {}),
    };
  }

  async listVersions(id: string, page: { limit: number; cursor?: string | undefined }, by: ActingAs = {}) {
    await this.get(id, { includeDeleted: true, actor: by.actor });
    return this.versions.list(id, page);
  }

  async getVersion(id: string, version: number, by: ActingAs = {}): Promise<StoredVersion> {
    await this.get(id, { includeDeleted: true, actor: by.actor });
    const found = await this.versions.get(id, version);
    if (!found) throw notFound('workflow version', `${id}@${version}`);
    return found;
  }

  async restoreVersion(
    id: string,
    version: number,
    message?: string,
    by: ActingAs = {},
  ): Promise<WorkflowRecord> {
    const current = await this.editable(id, by);
    const old = await this.getVersion(id, version);
    const doc = old.workflow;
    const saved = await this.save(
      current,
      {
        name: doc.name,
        nodes: doc.nodes,
        connections: doc.connections,
        settings: doc.settings,
        pinData: doc.pinData,
        meta: doc.meta,
      },
      { author: authorOf(by), message: message ?? `Restored version ${version}`, tags: doc.tags },
    );
    await this.audit('restoreVersion', saved, by, {
      detail: `(version ${version})`,
      diff: workflowDiff(current, saved),
    });
    return saved;
  }

  async diff(id: string, from: number, to?: number, by: ActingAs = {}): Promise<WorkflowDiff> {
    const current = await this.get(id, { includeDeleted: true, actor: by.actor });
    const target = to ?? current.version;
    const [a, b] = await Promise.all([this.getVersion(id, from), this.getVersion(id, target)]);
    return diffWorkflows({ version: from, document: a.workflow }, { version: target, document: b.workflow });
  }

  /** 404 for a project the actor cannot see (or that does not exist), 403 when it may not create there. */
  private async assertMayCreateIn(actor: Actor, projectId: string | null): Promise<void> {
    const exists =
      projectId !== null && (await locateResource(securityDb(this.options.database), 'project', projectId));
    if (!exists || !decide(actor, 'read', { type: 'project', projectId }).visible) {
      throw notFound('project', projectId ?? '');
    }
    if (!decide(actor, 'create', { type: 'workflow', projectId }).allowed)
      throw forbidden('create', 'workflow');
  }

  /** Not deleted: a deleted workflow must be restored before it changes. */
  private async editable(id: string, by: ActingAs = {}): Promise<WorkflowRecord> {
    const current = await this.get(id, { includeDeleted: true, actor: by.actor });
    if (current.deletedAt !== null) {
      throw new GuixuError('WORKFLOW_DELETED', `Workflow "${id}" is deleted; restore it first`, {
        details: { id },
      });
    }
    return current;
  }

  /** Sub-workflows and the error workflow it names must be callable from its project (400 otherwise). */
  private assertReferences(projectId: string | null, workflow: Workflow): Promise<void> {
    return assertWorkflowReferences(
      securityDb(this.options.database),
      this.options.registry,
      projectId,
      workflow,
    );
  }

  private assertActivatable(workflow: Workflow): void {
    const problems = activationProblems(workflow, this.options.registry, validateWorkflow);
    if (problems) throw problems;
  }
}

export type { VersionSummary };

function toWorkflow(id: string, content: WorkflowContent): Workflow {
  return {
    id,
    name: content.name,
    nodes: content.nodes,
    connections: content.connections,
    settings: content.settings,
    ...(content.pinData === undefined ? {} : { pinData: content.pinData }),
    ...(content.meta === undefined ? {} : { meta: content.meta }),
  };
}

function versionConflict(id: string, expected: number, actual: number | undefined): GuixuError {
  return new GuixuError(
    'WORKFLOW_VERSION_CONFLICT',
    `Workflow "${id}" was saved by someone else in the meantime (expected version ${expected}${actual === undefined ? '' : `, found ${actual}`}); reload it and save again`,
    {
      details: { id, expectedVersion: expected, ...(actual === undefined ? {} : { currentVersion: actual }) },
    },
  );
}
