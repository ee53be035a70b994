import type { ImportFormat } from '@guixu/api';
import { GuixuError, type Workflow, workflowSchema } from '@guixu/core';
import { parse as parseYaml } from 'yaml';

export interface ImportResult {
  workflow: Workflow;
  warnings: string[];
}

/** Turns a foreign workflow file (parsed JSON, or YAML text for Dify) into a GuixuFlow document. */
export type WorkflowImporter = (input: unknown) => ImportResult | Promise<ImportResult>;

const importers = new Map<ImportFormat, WorkflowImporter>();

/** The seam for @guixu/interop: it registers `n8n` and `dify` here. */
export function registerImporter(format: ImportFormat, importer: WorkflowImporter): void {
  importers.set(format, importer);
}

registerImporter('guixu', (input) => {
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
});

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

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
  input: unknown,
  format: ImportFormat | undefined,
): Promise<ImportResult & { format: ImportFormat }> {
  const document = typeof input === 'string' ? readWorkflowText(input) : input;
  const chosen = format ?? detectFormat(document);
  const importer = importers.get(chosen);
  if (!importer) {
    throw new GuixuError(
      'IMPORT_FORMAT_UNSUPPORTED',
      `Importing ${chosen} workflows is not available on this server yet`,
      {
        details: { format: chosen, available: [...importers.keys()] },
      },
    );
  }
  const result = await importer(document);
  return { ...result, format: chosen };
}
