import type { ImportFormat, ImportReport } from '@guixu/api';
import { GuixuError, isRecord, type NodeRegistry, type Workflow, workflowSchema } from '@guixu/core';
import { parse as parseYaml } from 'yaml';

export interface ImportResult {
  workflow: Workflow;
  warnings: string[];
  /** The importer's full report (n8n and Dify), as `guixu import` prints it. */
  report?: ImportReport;
}

/** Turns a workflow file (parsed JSON, or YAML text for Dify) into a GuixuFlow document. */
export type WorkflowImporter = (input: unknown) => ImportResult | Promise<ImportResult>;

interface InteropReport {
  warnings: string[];
  nodes: { node: string; status: string; reason?: string; targetType?: string; warnings: string[] }[];
  credentials: { node: string }[];
}

/** Report lines the user should read: workflow notes, placeholders, dropped nodes, per-node notes. */
function reportLines(report: InteropReport): string[] {
  const lines = [...report.warnings];
  for (const node of report.nodes) {
    if (node.status === 'placeholder')
      lines.push(`${node.node}: imported as a placeholder (${node.reason ?? 'no equivalent'})`);
    if (node.status === 'dropped')
      lines.push(`${node.node}: not imported (${node.reason ?? 'no equivalent'})`);
    for (const warning of node.warnings) lines.push(`${node.node}: ${warning}`);
  }
  const needs = new Set(report.credentials.map((c) => c.node));
  if (needs.size > 0) lines.push(`Credentials to select after import: ${[...needs].join(', ')}`);
  return lines;
}

const guixuImporter: WorkflowImporter = (input) => {
  const parsed = workflowSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 20)
      .map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = issues[0];
    throw new GuixuError(
      'IMPORT_INVALID',
      `Not a valid workflow file: ${first?.path || 'document'}: ${first?.message}`,
      {
        details: { issues },
      },
    );
  }
  return { workflow: parsed.data, warnings: [] };
};

/**
 * The importers a server offers. n8n and Dify come from @guixu/interop,
 * loaded on first use so a server that never imports does not pay for it.
 */
export function createImporters(registry: NodeRegistry): Map<ImportFormat, WorkflowImporter> {
  return new Map<ImportFormat, WorkflowImporter>([
    ['guixu', guixuImporter],
    [
      'n8n',
      async (input) => {
        const { importN8n } = await import('@guixu/interop');
        const { workflow, report } = importN8n(input, { registry });
        return { workflow, warnings: reportLines(report), report };
      },
    ],
    [
      'dify',
      async (input) => {
        const { importDify } = await import('@guixu/interop');
        const { workflow, report } = importDify(input, { registry });
        return { workflow, warnings: reportLines(report), report };
      },
    ],
  ]);
}

/** Reads the text of a file: JSON first, then YAML (Dify DSL). */
export function readWorkflowText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return parseYaml(text, { maxAliasCount: 100 });
    } catch (error) {
      throw new GuixuError('IMPORT_INVALID', 'The workflow file is neither JSON nor YAML', {
        details: { reason: error instanceof Error ? error.message : String(error) },
      });
    }
  }
}

/** Guesses the format: Dify DSL has `app` + `workflow`/`kind`; n8n nodes have `n8n-nodes-…` types. */
export function detectFormat(document: unknown): ImportFormat {
  if (!isRecord(document)) {
    throw new GuixuError('IMPORT_INVALID', 'The workflow file must contain an object');
  }
  if (isRecord(document.app) || document.kind === 'app') return 'dify';
  const nodes = Array.isArray(document.nodes) ? document.nodes : [];
  const types = nodes.flatMap((n) => (isRecord(n) && typeof n.type === 'string' ? [n.type] : []));
  if (types.some((t) => t.startsWith('n8n-nodes-') || t.startsWith('@n8n/'))) return 'n8n';
  return 'guixu';
}

export async function importDocument(
  importers: ReadonlyMap<ImportFormat, WorkflowImporter>,
  input: unknown,
  format: ImportFormat | undefined,
): Promise<ImportResult & { format: ImportFormat }> {
  const document = typeof input === 'string' ? readWorkflowText(input) : input;
  const chosen = format ?? detectFormat(document);
  const importer = importers.get(chosen);
  if (!importer) {
    throw new GuixuError(
      'IMPORT_FORMAT_UNSUPPORTED',
      `Importing ${chosen} workflows is not available on this server`,
      {
        details: { format: chosen, available: [...importers.keys()] },
      },
    );
  }
  const result = await importer(document);
  return { ...result, format: chosen };
}
