import { readFile, writeFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { formatImportReport, type ImportReport, importDify, importN8n } from '@guixu/interop';
import { builtinNodes } from '@guixu/nodes';
import type { Workflow } from '@guixu/core';
import { CliError, type Command, type CommandIO, defineCommand } from '../command.ts';

type Importer = (
  text: string,
  options: { registry: Awaited<ReturnType<typeof builtinNodes>>; fileName: string },
) => {
  workflow: Workflow;
  report: ImportReport;
};

async function readSource(path: string, io: CommandIO): Promise<string> {
  try {
    return await readFile(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`File not found: ${path}`);
    if (code === 'EISDIR') throw new CliError(`${path} is a directory; import one file at a time`);
    throw new CliError(`Cannot read ${path}: ${(error as Error).message}`);
  }
}

function importCommand(source: 'n8n' | 'dify', importer: Importer, example: string): Command {
  return defineCommand({
    path: ['import', source],
    summary: `Convert ${source === 'n8n' ? 'an n8n workflow export (JSON)' : 'a Dify workflow/chatflow DSL file (YAML)'} into a GuixuFlow workflow`,
    usage: '<file>',
    options: {
      'dry-run': { type: 'boolean', description: 'Convert and validate, print the report, write nothing' },
      out: {
        type: 'string',
        short: 'o',
        description: 'Where to write the workflow (default: <file>.guixu.json)',
      },
      json: { type: 'boolean', description: 'Print { workflow, report } as JSON instead of the text report' },
    },
    help: [
      'Unmapped nodes become disabled placeholders that keep their original configuration;',
      'the report lists them, credentials to fill in, and anything to check.',
      'Exit code 0 when the file imported (even with placeholders), 1 when it cannot be imported.',
      '',
      `Example: guixu import ${source} ${example} --dry-run`,
    ].join('\n'),
    async run({ positionals, options }, io) {
      const path = positionals[0];
      if (!path) throw new CliError(`Which file? Usage: guixu import ${source} <file>`, 2);
      const text = await readSource(path, io);
      const registry = await builtinNodes();
      const { workflow, report } = importer(text, { registry, fileName: basename(path) });
      const dryRun = options['dry-run'] === true;
      let written: string | undefined;
      if (!dryRun) {
        const out =
          typeof options.out === 'string' ? options.out : `${basename(path, extname(path))}.guixu.json`;
        written = resolve(io.cwd, out);
        await writeFile(written, `${JSON.stringify(workflow, null, 2)}\n`);
      }
      if (options.json) {
        io.out.write(`${JSON.stringify({ workflow, report, ...(written ? { written } : {}) }, null, 2)}\n`);
        return 0;
      }
      io.out.write(formatImportReport(report, io.paint.out));
      io.out.write(written ? `Wrote ${written}\n` : 'Dry run: nothing was written.\n');
      return 0;
    },
  });
}

export const importN8nCommand = importCommand('n8n', importN8n, 'my-flow.json');
export const importDifyCommand = importCommand('dify', importDify, 'app.yml');
