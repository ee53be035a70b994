import { type NodeRegistry, type Workflow, type WorkflowNode, workflowSchema } from '@guixu/core';
import { GuixuError } from '@guixu/core';
import { PLACEHOLDER_TYPE } from '../shared/placeholder.ts';
import { deepCopy, isRecord, type N8nExport } from './mapping.ts';
import { mappings } from './mappings/index.ts';
import { settingsToN8n } from './workflow-settings.ts';

export interface ExportOptions {
  registry: NodeRegistry;
}

export interface ExportIssue {
  node: string;
  type: string;
  reason: string;
}

export interface ExportReport {
  /** Nodes written as an n8n No Operation stand-in because n8n has no equivalent. */
  notExported: ExportIssue[];
  warnings: string[];
}

export interface N8nWorkflowJson {
  name: string;
  nodes: Record<string, unknown>[];
  connections: Workflow['connections'];
  settings: Record<string, unknown>;
  pinData: Record<string, unknown>;
}

const exporters = new Map<string, N8nExport>();
for (const mapping of mappings) if (mapping.export) exporters.set(mapping.guixuType, mapping.export);

function nodeSettings(node: WorkflowNode, slots: Record<string, string> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of [
    'disabled',
    'notes',
    'notesInFlow',
    'onError',
    'retryOnFail',
    'maxTries',
    'waitBetweenTries',
    'alwaysOutputData',
    'executeOnce',
  ] as const) {
    if (node[key] !== undefined) out[key] = node[key];
  }
  if (node.credentials) {
    out.credentials = Object.fromEntries(
      Object.entries(node.credentials).map(([slot, ref]) => [
        slots[slot] ?? slot,
        ref.id ? { id: ref.id, name: ref.name } : { name: ref.name },
      ]),
    );
  }
  return out;
}

function exportNode(node: WorkflowNode, report: ExportReport): Record<string, unknown> {
  const base = { id: node.id, name: node.name, position: node.position };
  if (node.type === PLACEHOLDER_TYPE) {
    const p = node.parameters;
    // Restore the node the placeholder kept; it was only disabled because GuixuFlow could not run it.
    const { disabled: _disabled, ...settings } = nodeSettings(node);
    return {
      ...base,
      type: typeof p.originalType === 'string' ? p.originalType : 'n8n-nodes-base.noOp',
      typeVersion: typeof p.originalTypeVersion === 'number' ? p.originalTypeVersion : 1,
      parameters: isRecord(p.originalParameters) ? deepCopy(p.originalParameters) : {},
      ...settings,
    };
  }
  const exporter = exporters.get(node.type);
  if (!exporter) {
    report.notExported.push({
      node: node.name,
      type: node.type,
      reason: `n8n has no node equivalent to ${node.type}`,
    });
    return {
      ...base,
      type: 'n8n-nodes-base.noOp',
      typeVersion: 1,
      parameters: {},
      ...nodeSettings(node),
      notes: `GuixuFlow ${node.type} node "${node.name}" (not available in n8n). Parameters: ${JSON.stringify(node.parameters)}`,
    };
  }
  const parameters = exporter.parameters
    ? exporter.parameters(deepCopy(node.parameters))
    : deepCopy(node.parameters);
  return {
    ...base,
    type: exporter.type,
    typeVersion: exporter.typeVersion,
    parameters,
    ...nodeSettings(node, exporter.credentialSlots),
  };
}

/**
 * Writes a GuixuFlow workflow as n8n workflow JSON (importable with n8n's
 * "Import from file" or `n8n import:workflow`). Placeholders become their original
 * nodes again; nodes n8n has no equivalent for become disabled-free No Operation
 * nodes carrying a note, and are listed in the report.
 */
export function exportN8n(
  input: Workflow,
  options: ExportOptions,
): { workflow: N8nWorkflowJson; report: ExportReport } {
  const parsed = workflowSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new GuixuError(
      'EXPORT_INVALID_WORKFLOW',
      `The workflow cannot be exported: ${issue.path.join('.')}: ${issue.message}`,
    );
  }
  const workflow = parsed.data;
  const report: ExportReport = { notExported: [], warnings: [] };
  for (const node of workflow.nodes) {
    if (node.type !== PLACEHOLDER_TYPE && !options.registry.has(node.type)) {
      report.warnings.push(`Node "${node.name}" has the unknown type ${node.type}.`);
    }
  }
  const importedFrom = isRecord(workflow.meta?.importedFrom) ? workflow.meta.importedFrom : {};
  const unmapped = isRecord(importedFrom.settings) ? importedFrom.settings : {};
  const out: N8nWorkflowJson = {
    name: workflow.name,
    nodes: workflow.nodes.map((node) => exportNode(node, report)),
    connections: deepCopy(workflow.connections),
    settings: settingsToN8n(workflow.settings, unmapped),
    pinData: deepCopy(workflow.pinData ?? {}),
  };
  // n8n ties tags to ids in its own database, so they are not written.
  if (workflow.tags && workflow.tags.length > 0)
    report.warnings.push('Tags were not exported; add them again in n8n.');
  return { workflow: out, report };
}
