import { type NodeRegistry, validateWorkflow, type Workflow } from '@guixu/core';
import { type CredentialNeed, type ImportReport, type NodeReport, summarize } from './report.ts';

export interface ImportResult {
  workflow: Workflow;
  report: ImportReport;
}

export interface FinishImportOptions {
  source: ImportReport['source'];
  fileName?: string;
  registry: NodeRegistry;
  workflow: Workflow;
  nodes: NodeReport[];
  credentials: CredentialNeed[];
  warnings: string[];
}

/** Validates the imported workflow and completes the report both importers answer with. */
export function finishImport(options: FinishImportOptions): ImportResult {
  const validation = validateWorkflow(options.workflow, options.registry);
  const partial = {
    source: options.source,
    ...(options.fileName ? { fileName: options.fileName } : {}),
    nodes: options.nodes,
    credentials: options.credentials,
    warnings: options.warnings,
    validation: { errors: validation.errors, warnings: validation.warnings },
  };
  return { workflow: options.workflow, report: { ...partial, summary: summarize(partial) } };
}
