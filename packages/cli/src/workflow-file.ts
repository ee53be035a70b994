import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliError } from './command.ts';

/** Position (line, column) of a character offset in a text. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** A Dify DSL export is YAML with an `app:` section (and usually `kind: app`). */
function looksLikeDifyYaml(text: string): boolean {
  return /^app:\s*$/m.test(text) && !/^\s*[{[]/.test(text);
}

/** Parses JSON text and turns syntax errors into a message with file, line and column (exit code 2: bad input). */
export function parseJsonText(text: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (looksLikeDifyYaml(text)) {
      throw new CliError(
        `${label} is a Dify DSL file (YAML), not a GuixuFlow workflow; convert it first with \`guixu import dify ${label}\``,
        2,
      );
    }
    const message = error instanceof Error ? error.message : String(error);
    const match = /position (\d+)/.exec(message);
    const where = match ? lineColumn(text, Number(match[1])) : undefined;
    const at = where ? `:${where.line}:${where.column}` : '';
    const reason = text.trim() === '' ? 'it is empty' : message.replace(/^Unexpected/, 'unexpected');
    throw new CliError(`${label}${at} is not valid JSON: ${reason}`, 2);
  }
}

/** Reads a JSON file given on the command line; `-` reads standard input. */
export async function readJsonFile(path: string, cwd: string): Promise<{ value: unknown; file: string }> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return { value: parseJsonText(Buffer.concat(chunks).toString('utf8'), 'standard input'), file: 'stdin' };
  }
  const file = resolve(cwd, path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`File not found: ${path}`, 2);
    if (code === 'EISDIR') throw new CliError(`${path} is a directory, not a JSON file`, 2);
    throw new CliError(`Cannot read ${path}: ${(error as Error).message}`, 2);
  }
  return { value: parseJsonText(text, path), file };
}

/** `--input` accepts inline JSON, `@file.json`, or `-` for standard input. */
export async function readInputOption(value: string, cwd: string): Promise<unknown> {
  if (value.startsWith('@')) return (await readJsonFile(value.slice(1), cwd)).value;
  if (value === '-') return (await readJsonFile('-', cwd)).value;
  return parseJsonText(value, '--input');
}
