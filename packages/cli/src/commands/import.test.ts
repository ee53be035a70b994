import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCAL_FIXTURES as fixtures } from '../../../interop/test/local-fixtures.ts';
import { captureCli } from '../testing/capture-cli.ts';

async function cli(cwd: string, ...argv: string[]) {
  return captureCli(argv, { cwd, env: {} });
}

describe('guixu import / export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'guixu-import-'));

  it('import n8n --dry-run prints the report and writes nothing', async () => {
    const file = join(fixtures, 'n8n', 'manual-set-rename.json');
    const { code, out } = await cli(dir, 'import', 'n8n', file, '--dry-run');
    expect(code).toBe(0);
    expect(out).toContain('Imported manual-set-rename.json from n8n: 3 nodes, 3 mapped, 0 placeholders');
    expect(out).toContain('The imported workflow is valid');
    expect(out).toContain('Dry run: nothing was written.');
    expect(existsSync(join(dir, 'manual-set-rename.guixu.json'))).toBe(false);
  });

  it('import dify writes the workflow and lists placeholders', async () => {
    const file = join(fixtures, 'dify', 'chat-loop-answer.yml');
    const { code, out } = await cli(dir, 'import', 'dify', file, '-o', 'loop.json');
    expect(code).toBe(0);
    expect(out).toContain('from Dify');
    expect(out).toContain(`Wrote ${join(dir, 'loop.json')}`);
    const workflow = JSON.parse(readFileSync(join(dir, 'loop.json'), 'utf8'));
    expect(workflow.nodes.some((n: { type: string }) => n.type === 'guixu.loopOverItems')).toBe(true);
  });

  it('refuses a malformed file with exit code 1 and a precise message', async () => {
    writeFileSync(join(dir, 'list.json'), '[{"nodes": []}]');
    const { code, err } = await cli(dir, 'import', 'n8n', 'list.json', '--dry-run');
    expect(code).toBe(1);
    expect(err).toContain('"list.json" cannot be imported: it holds a list of 1 workflow(s)');
    expect(err).toContain('[IMPORT_INVALID_FILE]');
    const missing = await cli(dir, 'import', 'dify', 'nope.yml');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('File not found: nope.yml');
  });

  it('--json prints the workflow and the report', async () => {
    const file = join(fixtures, 'n8n', 'manual-set-rename.json');
    const { code, out } = await cli(dir, 'import', 'n8n', file, '--dry-run', '--json');
    expect(code).toBe(0);
    const parsed = JSON.parse(out);
    expect(parsed.report.summary.placeholders).toBe(0);
    expect(parsed.workflow.nodes.map((n: { type: string }) => n.type)).toContain('guixu.renameKeys');
  });

  it('export n8n writes n8n JSON with the original nodes restored', async () => {
    const file = join(fixtures, 'n8n', 'chat-agent.json');
    await cli(dir, 'import', 'n8n', file, '-o', 'agent.json');
    const { code, err } = await cli(dir, 'export', 'n8n', 'agent.json', '-o', 'agent.n8n.json');
    expect(code).toBe(0);
    expect(err).toContain('Wrote agent.n8n.json');
    const original = JSON.parse(readFileSync(file, 'utf8'));
    const exported = JSON.parse(readFileSync(join(dir, 'agent.n8n.json'), 'utf8'));
    const types = (w: { nodes: { name: string; type: string }[] }) =>
      w.nodes.map((n) => `${n.name}:${n.type}`).sort();
    expect(types(exported)).toEqual(types(original));
  });
});
