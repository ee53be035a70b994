import type { ImportReport } from './report.ts';

export interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const plain: Paint = { red: (s) => s, yellow: (s) => s, green: (s) => s, dim: (s) => s, bold: (s) => s };

/** The import report as text, the same wherever it is shown (CLI, API logs, editor dialog). */
export function formatImportReport(report: ImportReport, paint: Paint = plain): string {
  const s = report.summary;
  const from = report.fileName ? ` ${report.fileName}` : '';
  const lines = [
    paint.bold(`Imported${from} from ${report.source === 'n8n' ? 'n8n' : 'Dify'}:`) +
      ` ${s.nodes} nodes, ${s.mapped} mapped, ${s.placeholders} placeholders, ${s.dropped} dropped, ${s.credentials} credentials to fill`,
  ];
  const placeholders = report.nodes.filter((n) => n.status !== 'mapped');
  if (placeholders.length > 0) {
    lines.push(
      '',
      paint.bold('Not mapped (placeholders keep the original node; dropped nodes were only layout):'),
    );
    for (const n of placeholders) {
      lines.push(
        `  ${paint.yellow(n.status)} ${n.node} ${paint.dim(`(${n.sourceType} v${n.sourceVersion})`)}: ${n.reason ?? ''}`,
      );
    }
  }
  const noted = report.nodes.filter((n) => n.warnings.length > 0);
  if (noted.length > 0 || report.warnings.length > 0) {
    lines.push('', paint.bold('Check:'));
    for (const w of report.warnings) lines.push(`  ${paint.yellow('!')} ${w}`);
    for (const n of noted) for (const w of n.warnings) lines.push(`  ${paint.yellow('!')} ${n.node}: ${w}`);
  }
  if (report.credentials.length > 0) {
    lines.push('', paint.bold('Credentials to select after import:'));
    for (const c of report.credentials)
      lines.push(`  ${c.node}: ${c.slot} ${paint.dim(`(was "${c.name}")`)}`);
  }
  const { errors, warnings } = report.validation;
  lines.push('');
  if (errors.length === 0) {
    lines.push(
      paint.green(
        `The imported workflow is valid${warnings.length ? ` (${warnings.length} validation warning(s))` : ''}.`,
      ),
    );
  } else {
    lines.push(paint.red(`The imported workflow has ${errors.length} validation error(s):`));
    for (const e of errors)
      lines.push(`  ${paint.red('error')} ${e.path}: ${e.message} ${paint.dim(`[${e.code}]`)}`);
  }
  return `${lines.join('\n')}\n`;
}
