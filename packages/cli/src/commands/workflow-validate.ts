import { validateWorkflow } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { CliError, defineCommand } from '../command.ts';
import { importHint } from '../local-runner.ts';
import { readJsonFile } from '../workflow-file.ts';

export const workflowValidate = defineCommand({
  path: ['workflow', 'validate'],
  summary: 'Check workflow files and report every problem at once',
  usage: '<file...>',
  options: { json: { type: 'boolean', description: 'Print the report as JSON' } },
  help: 'Exit code 0 when every file is valid (warnings allowed), 1 when any file has errors.',
  async run({ positionals, options }, io) {
    if (positionals.length === 0)
      throw new CliError('Which file? Usage: guixu workflow validate <file...>', 2);
    const registry = await builtinNodes();
    const paint = io.paint.out;
    const reports = [];
    let failed = false;
    for (const path of positionals) {
      let report: { file: string; valid: boolean; errors: unknown[]; warnings: unknown[] };
      try {
        const { value } = await readJsonFile(path, io.cwd);
        const result = validateWorkflow(value, registry);
        report = {
          file: path,
          valid: result.errors.length === 0,
          errors: result.errors,
          warnings: result.warnings,
        };
        if (!options.json) {
          for (const e of result.errors)
            io.out.write(
              `${path}: ${paint.red('error')} ${e.path ? `${e.path}: ` : ''}${e.message} ${paint.dim(`[${e.code}]`)}\n`,
            );
          for (const w of result.warnings)
            io.out.write(
              `${path}: ${paint.yellow('warning')} ${w.path ? `${w.path}: ` : ''}${w.message} ${paint.dim(`[${w.code}]`)}\n`,
            );
          if (result.errors.length === 0)
            io.out.write(
              `${path}: ${paint.green('valid')}${result.warnings.length ? ` (${result.warnings.length} warning(s))` : ''}\n`,
            );
          else
            io.out.write(
              `${path}: ${result.errors.length} error(s), ${result.warnings.length} warning(s)${importHint(value, path)}\n`,
            );
        }
      } catch (error) {
        if (!(error instanceof CliError)) throw error;
        report = {
          file: path,
          valid: false,
          errors: [{ code: 'FILE_INVALID', message: error.message, path: '' }],
          warnings: [],
        };
        if (!options.json) io.out.write(`${paint.red('error')} ${error.message}\n`);
      }
      failed ||= !report.valid;
      reports.push(report);
    }
    if (options.json)
      io.out.write(`${JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2)}\n`);
    return failed ? 1 : 0;
  },
});
