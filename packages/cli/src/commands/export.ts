import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { exportN8n } from '@guixu/interop';
import { builtinNodes } from '@guixu/nodes';
import { validateWorkflow } from '@guixu/core';
import { CliError, defineCommand } from '../command.ts';
import { readJsonFile } from '../workflow-file.ts';

export const exportN8nCommand = defineCommand({
  path: ['export', 'n8n'],
  summary: 'Write a GuixuFlow workflow as n8n workflow JSON',
  usage: '<workflow.json>',
  options: {
    out: { type: 'string', short: 'o', description: 'Write to this file instead of standard output' },
  },
  help: [
    'Imported placeholders become their original n8n nodes again. Nodes n8n has no',
    'equivalent for become No Operation nodes with a note; they are listed on standard error.',
    '',
    'Example: guixu export n8n my-flow.guixu.json -o my-flow.n8n.json',
  ].join('\n'),
  async run({ positionals, options }, io) {
    const path = positionals[0];
    if (!path) throw new CliError('Which workflow? Usage: guixu export n8n <workflow.json>', 2);
    const { value } = await readJsonFile(path, io.cwd);
    const registry = await builtinNodes();
    const validation = validateWorkflow(value, registry);
    if (!validation.workflow) {
      const first = validation.errors[0];
      throw new CliError(
        `${path} is not a GuixuFlow workflow: ${first ? `${first.path}: ${first.message}` : 'unreadable'}`,
      );
    }
    const { workflow, report } = exportN8n(validation.workflow, { registry });
    const json = `${JSON.stringify(workflow, null, 2)}\n`;
    if (typeof options.out === 'string') {
      await writeFile(resolve(io.cwd, options.out), json);
      io.err.write(`Wrote ${options.out}\n`);
    } else io.out.write(json);
    for (const issue of report.notExported)
      io.err.write(`Not exported: ${issue.node} (${issue.type}): ${issue.reason}\n`);
    for (const warning of report.warnings) io.err.write(`Warning: ${warning}\n`);
    return 0;
  },
});
