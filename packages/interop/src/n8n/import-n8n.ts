import { randomUUID } from 'node:crypto';
import type { Connections, NodeRegistry, Workflow } from '@guixu/core';
import { outputSlot } from '../shared/connections.ts';
import { finishImport, type ImportResult } from '../shared/finish-import.ts';
import type { CredentialNeed, NodeReport } from '../shared/report.ts';
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

export type { ImportResult };

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
            const slot = outputSlot(out, sourceName, type, newIndex);
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
    // A name that only loses surrounding spaces is not a duplicate (its connections still match it).
    if (translated.has(node.name)) {
      warnings.push(
        `Two nodes were named "${node.name}"; the second is now "${name}" and keeps no connections.`,
      );
    } else if (name !== (node.name.trim() || 'Node')) {
      warnings.push(
        `Node "${node.name}" is now "${name}": names are trimmed, and "${node.name.trim()}" was taken.`,
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
    for (const [n8nSlot, ref] of Object.entries(node.credentials ?? {})) {
      const slot = result.credentialSlots?.[n8nSlot] ?? n8nSlot;
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

  return finishImport({
    source: 'n8n',
    fileName: options.fileName,
    registry: options.registry,
    workflow,
    nodes: reports,
    credentials,
    warnings,
  });
}
