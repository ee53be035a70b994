import { randomUUID } from 'node:crypto';
import { type Connections, type NodeRegistry, validateWorkflow, type Workflow } from '@guixu/core';
import type { CredentialNeed, ImportReport, NodeReport } from '../shared/report.ts';
import { summarize } from '../shared/report.ts';
import { UniqueNames } from '../shared/unique-names.ts';
import { isRecord } from './mapping.ts';
import { type N8nConnections, readN8nWorkflow } from './n8n-file.ts';
import { isConnectionType, portUsage } from './ports.ts';
import { type TranslatedNode, translateNode } from './node-translation.ts';
import { settingsFromN8n } from './workflow-settings.ts';

export interface ImportOptions {
  /** Node types to map to (usually `await builtinNodes()` from @guixu/nodes). */
  registry: NodeRegistry;
  /** Shown in errors and the report. */
  fileName?: string;
}

export interface ImportResult {
  workflow: Workflow;
  report: ImportReport;
}

function slotOf(out: Connections, source: string, type: string, index: number) {
  const byType = out[source] ?? {};
  out[source] = byType;
  const slots = byType[type] ?? [];
  byType[type] = slots;
  while (slots.length <= index) slots.push([]);
  const slot = slots[index] ?? [];
  slots[index] = slot;
  return slot;
}

function remapConnections(
  source: N8nConnections,
  translated: Map<string, TranslatedNode>,
  warnings: string[],
): Connections {
  const out: Connections = {};
  for (const [from, byType] of Object.entries(source)) {
    const fromNode = translated.get(from);
    if (!fromNode) {
      warnings.push(`Connections from "${from}", which is not a node of the workflow, were dropped.`);
      continue;
    }
    for (const [type, outputs] of Object.entries(byType)) {
      if (!isConnectionType(type)) {
        warnings.push(`Node "${from}": connections of the unknown type "${type}" were dropped.`);
        continue;
      }
      (outputs ?? []).forEach((targets, index) => {
        for (const target of targets ?? []) {
          const toNode = translated.get(target.node);
          if (!toNode) {
            warnings.push(
              `The connection from "${from}" to "${target.node}", which is not a node of the workflow, was dropped.`,
            );
            continue;
          }
          const targetType = target.type ?? type;
          if (!isConnectionType(targetType)) continue;
          const newIndexes = type === 'main' && fromNode.outputs ? fromNode.outputs(index) : [index];
          const sourceName = fromNode.node.name;
          for (const newIndex of newIndexes) {
            const slot = slotOf(out, sourceName, type, newIndex);
            slot.push({ node: toNode.node.name, type: targetType, index: target.index ?? 0 });
          }
        }
      });
    }
  }
  return out;
}

function pinDataOf(
  source: Record<string, unknown>,
  translated: Map<string, TranslatedNode>,
  warnings: string[],
): Workflow['pinData'] {
  const out: NonNullable<Workflow['pinData']> = {};
  for (const [name, items] of Object.entries(source)) {
    const node = translated.get(name);
    if (!node || !Array.isArray(items)) {
      warnings.push(
        `Pinned data for "${name}" was dropped: ${node ? 'it is not a list of items' : 'no such node'}.`,
      );
      continue;
    }
    // n8n stores pinned items either as `{ json }` or as the plain JSON objects.
    out[node.node.name] = items
      .filter(isRecord)
      .map((item) => (isRecord(item.json) ? { ...item, json: item.json } : { json: item }));
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Converts an n8n workflow export into a GuixuFlow workflow plus a report of what changed. */
export function importN8n(input: unknown, options: ImportOptions): ImportResult {
  const source = readN8nWorkflow(input, options.fileName);
  const warnings: string[] = [];
  const names = new UniqueNames();
  const ids = new Set<string>();
  const usage = portUsage(source.connections);
  // Keyed by the n8n name, which connections and pinned data use; the first node of a name wins.
  const translated = new Map<string, TranslatedNode>();
  const all: TranslatedNode[] = [];
  const reports: NodeReport[] = [];
  const credentials: CredentialNeed[] = [];

  for (const node of source.nodes) {
    const name = names.claim(node.name);
    if (name !== node.name) {
      warnings.push(
        `Two nodes were named "${node.name}"; the second is now "${name}" and keeps no connections.`,
      );
    }
    const id = node.id && !ids.has(node.id) ? node.id : randomUUID();
    ids.add(id);
    const result = translateNode({
      source: node,
      name,
      id,
      usage: usage.get(node.name),
      registry: options.registry,
    });
    for (const [slot, ref] of Object.entries(node.credentials ?? {})) {
      const credentialName = typeof ref === 'string' ? ref : (ref.name ?? slot);
      result.node.credentials = { ...result.node.credentials, [slot]: { id: null, name: credentialName } };
      credentials.push({ node: name, slot, name: credentialName });
    }
    if (!translated.has(node.name)) translated.set(node.name, result);
    all.push(result);
    reports.push(result.report);
  }

  const { settings, unmapped } = settingsFromN8n(source.settings, (message) => warnings.push(message));
  const workflow: Workflow = {
    name: source.name ?? options.fileName?.replace(/\.json$/i, '') ?? 'Imported workflow',
    nodes: all.map((t) => t.node),
    connections: remapConnections(source.connections, translated, warnings),
    settings,
    meta: {
      importedFrom: {
        format: 'n8n',
        ...(options.fileName ? { fileName: options.fileName } : {}),
        ...(source.id ? { id: source.id } : {}),
        ...(Object.keys(unmapped).length > 0 ? { settings: unmapped } : {}),
      },
    },
  };
  const pinData = pinDataOf(source.pinData, translated, warnings);
  if (pinData) workflow.pinData = pinData;
  if (source.tags.length > 0) workflow.tags = source.tags;

  const validation = validateWorkflow(workflow, options.registry);
  const partial = {
    source: 'n8n' as const,
    ...(options.fileName ? { fileName: options.fileName } : {}),
    nodes: reports,
    credentials,
    warnings,
    validation: { errors: validation.errors, warnings: validation.warnings },
  };
  return { workflow, report: { ...partial, summary: summarize(partial) } };
}
