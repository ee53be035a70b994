import type { ValidationIssue } from '@guixu/core';

export type NodeImportStatus = 'mapped' | 'placeholder' | 'dropped';

/** What happened to one source node. */
export interface NodeReport {
  /** Name of the node in the imported workflow (or in the source, when dropped). */
  node: string;
  sourceType: string;
  sourceVersion: number | string;
  status: NodeImportStatus;
  /** GuixuFlow type the node became. */
  targetType?: string;
  reason?: string;
  warnings: string[];
}

/** A credential slot the user must point at a stored credential after import. */
export interface CredentialNeed {
  node: string;
  /** Slot name in `node.credentials`. */
  slot: string;
  /** Credential name in the source application, kept as the slot's name. */
  name: string;
}

export interface ImportSummary {
  nodes: number;
  mapped: number;
  placeholders: number;
  dropped: number;
  credentials: number;
  warnings: number;
}

export interface ImportReport {
  source: 'n8n' | 'dify';
  fileName?: string;
  nodes: NodeReport[];
  credentials: CredentialNeed[];
  /** Workflow-level notes (settings, connections, versions). */
  warnings: string[];
  /** Result of `validateWorkflow` on the imported workflow. */
  validation: { errors: ValidationIssue[]; warnings: ValidationIssue[] };
  summary: ImportSummary;
}

export function summarize(report: Omit<ImportReport, 'summary'>): ImportSummary {
  const count = (status: NodeImportStatus) => report.nodes.filter((n) => n.status === status).length;
  return {
    nodes: report.nodes.length,
    mapped: count('mapped'),
    placeholders: count('placeholder'),
    dropped: count('dropped'),
    credentials: report.credentials.length,
    warnings: report.warnings.length + report.nodes.reduce((sum, n) => sum + n.warnings.length, 0),
  };
}
