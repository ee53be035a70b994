export { type ImportOptions, type ImportResult, importN8n } from './n8n/import-n8n.ts';
export type {
  CredentialNeed,
  ImportReport,
  ImportSummary,
  NodeImportStatus,
  NodeReport,
} from './shared/report.ts';
export {
  type ExportIssue,
  type ExportOptions,
  type ExportReport,
  exportN8n,
  type N8nWorkflowJson,
} from './n8n/export-n8n.ts';
export { type DifyImportOptions, importDify } from './dify/import-dify.ts';
export { formatImportReport, type Paint } from './shared/format-report.ts';
