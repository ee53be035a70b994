import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureCli } from './testing/capture-cli.ts';

const root = resolve(import.meta.dirname, '../../..');
const dataDir = mkdtempSync(join(tmpdir(), 'guixu-cli-'));

async function cli(...argv: string[]) {
  return captureCli(argv, { cwd: root, env: { GUIXU_DATA_DIR: dataDir } });
}

function tempFile(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'guixu-cli-wf-'));
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

const node = (name: string, type: string, parameters: Record<string, unknown> = {}) => ({
  id: name,
  name,
  type,
  typeVersion: 1,
  position: [0, 0],
  parameters,
});

describe('guixu CLI', () => {
  it('prints help for the whole CLI, a group and a command', async () => {
    const top = await cli('--help');
    expect(top.code).toBe(0);
    expect(top.out).toContain('guixu workflow run <file>');
    expect(top.out).toContain('guixu nodes list');
    const group = await cli('workflow', '--help');
    expect(group.out).toContain('guixu workflow validate');
    const command = await cli('workflow', 'run', '--help');
    expect(command.out).toContain('--input');
  });

  it('prints its version from package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    for (const flag of ['--version', '-v', 'version']) {
      const r = await cli(flag);
      expect(r.code).toBe(0);
      expect(r.out).toBe(`guixu ${version}\n`);
    }
  });

  it('rejects unknown commands and options with a usage message', async () => {
    const unknown = await cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Unknown command "frobnicate"');
    const option = await cli('workflow', 'run', 'x.json', '--bogus');
    expect(option.code).toBe(2);
    expect(option.err).toContain("Unknown option '--bogus'");
  });

  it('runs a workflow with --input and prints the final items', async () => {
    const r = await cli('workflow', 'run', 'examples/hello.json', '--input', '{"name":"Ada"}');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([
      expect.objectContaining({ name: 'Ada', greeting: 'Hello, Ada!', letters: 3 }),
    ]);
    expect(r.err).toContain('✓ Greet 1 item(s)');
  });

  it('prints one JSON document with --json', async () => {
    const r = await cli('workflow', 'run', 'examples/branching-merge.json', '--json', '--run-data');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    const doc = JSON.parse(r.out);
    expect(doc.status).toBe('success');
    expect(doc.items.map((i: { id: number }) => i.id)).toEqual([1, 3, 2, 4]);
    expect(Object.keys(doc.runData)).toContain('Big order?');
  });

  it('runs the examples', async () => {
    const loop = JSON.parse((await cli('workflow', 'run', 'examples/loop-over-items.json', '--json')).out);
    expect(loop.status).toBe('success');
    expect(loop.items[0].processed).toHaveLength(4);
    const errors = JSON.parse((await cli('workflow', 'run', 'examples/error-output.json', '--json')).out);
    expect(errors.items.map((i: { rejected: string }) => i.rejected)).toEqual(['Grace', 'Ken, abc']);
    const code = JSON.parse((await cli('workflow', 'run', 'examples/code-summarize.json', '--json')).out);
    expect(code.items).toContainEqual({ customer: 'Ada', sum_amount: 265, count_id: 2 });
  });

  it('fails with a message naming the node, exit code 1', async () => {
    const file = tempFile(
      'fail.json',
      JSON.stringify({
        nodes: [
          node('Start', 'guixu.manualTrigger'),
          node('Boom', 'guixu.stopAndError', { errorMessage: 'Stock is empty' }),
        ],
        connections: { Start: { main: [[{ node: 'Boom', type: 'main', index: 0 }]] } },
      }),
    );
    const r = await cli('workflow', 'run', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Node "Boom" failed');
    expect(r.err).toContain('Stock is empty');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it('names node and parameter when an expression fails', async () => {
    const file = tempFile(
      'expr.json',
      JSON.stringify({
        nodes: [
          node('Start', 'guixu.manualTrigger'),
          node('Fields', 'guixu.set', {
            assignments: {
              assignments: [{ id: '1', name: 'x', value: '={{ $json.missing.deeper }}', type: 'string' }],
            },
          }),
        ],
        connections: { Start: { main: [[{ node: 'Fields', type: 'main', index: 0 }]] } },
      }),
    );
    const r = await cli('workflow', 'run', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Node "Fields" failed');
    expect(r.err).toMatch(/parameter assignments/);
  });

  it('explains malformed JSON with line and column', async () => {
    const file = tempFile('broken.json', '{\n  "nodes": [\n    { "name": "x", }\n  ]\n}');
    const r = await cli('workflow', 'run', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/broken\.json:3:\d+ is not valid JSON/);
    const missing = await cli('workflow', 'run', 'no/such/file.json');
    expect(missing.err).toContain('File not found: no/such/file.json');
    expect(missing.code).toBe(2);
    const input = await cli('workflow', 'run', 'examples/hello.json', '--input', '{name:');
    expect(input.err).toContain('--input');
    expect(input.code).toBe(2);
    const list = await cli('workflow', 'run', tempFile('list.json', '[]'));
    expect(list.code).toBe(2);
    expect(list.err).toContain(
      'is not a valid workflow:\n  A workflow is a JSON object with "nodes" and "connections"; this is a list',
    );
    const empty = await cli('workflow', 'run', tempFile('empty.json', '\n'));
    expect(empty.err).toContain('is not valid JSON: it is empty');
    expect(empty.code).toBe(2);
  });

  it('points Dify and n8n files at the importer (exit code 2)', async () => {
    const dify = tempFile('app.yml', 'app:\n  name: Bot\n  mode: workflow\nkind: app\nversion: 0.1.5\n');
    const r = await cli('workflow', 'run', dify);
    expect(r.code).toBe(2);
    expect(r.err).toContain('is a Dify DSL file (YAML), not a GuixuFlow workflow');
    expect(r.err).toContain('guixu import dify');
    const n8n = tempFile(
      'n8n.json',
      JSON.stringify({
        nodes: [{ ...node('Start', 'n8n-nodes-base.manualTrigger'), typeVersion: 1 }],
        connections: {},
      }),
    );
    const n = await cli('workflow', 'run', n8n);
    expect(n.code).toBe(2);
    expect(n.err).toContain('unknown node type "n8n-nodes-base.manualTrigger"');
    expect(n.err).toContain('This looks like an n8n workflow; convert it first with `guixu import n8n');
    const v = await cli('workflow', 'validate', n8n);
    expect(v.out).toContain('This looks like an n8n workflow; convert it first with `guixu import n8n');
  });

  it('runs a workflow whose broken expression sits on a branch that does not run; fails the node when it runs', async () => {
    const broken = (when: boolean) =>
      tempFile(
        'broken-branch.json',
        JSON.stringify({
          nodes: [
            node('Start', 'guixu.manualTrigger'),
            node('If', 'guixu.if', {
              conditions: {
                conditions: [
                  { leftValue: when, rightValue: true, operator: { type: 'boolean', operation: 'equals' } },
                ],
                combinator: 'and',
                options: {},
              },
            }),
            node('Broken', 'guixu.set', {
              assignments: {
                assignments: [{ id: '1', name: 'x', value: '={{ $json.a + }}', type: 'string' }],
              },
            }),
            node('Fine', 'guixu.noOp'),
          ],
          connections: {
            Start: { main: [[{ node: 'If', type: 'main', index: 0 }]] },
            If: {
              main: [
                [{ node: 'Broken', type: 'main', index: 0 }],
                [{ node: 'Fine', type: 'main', index: 0 }],
              ],
            },
          },
        }),
      );
    const skipped = await cli('workflow', 'run', broken(false));
    expect(skipped.code).toBe(0);
    expect(skipped.err).toContain('warning nodes[2].parameters.assignments.assignments[0].value:');
    const ran = await cli('workflow', 'run', broken(true));
    expect(ran.code).toBe(1);
    expect(ran.err).toContain('Node "Broken" failed (parameter assignments.assignments[0].value)');
    expect(ran.err).toContain('[EXPRESSION_SYNTAX]');
  });

  it('names a sub-workflow file that is not valid JSON', async () => {
    const child = tempFile('child.json', '{ "nodes": [');
    const parent = tempFile(
      'parent.json',
      JSON.stringify({
        nodes: [
          node('Start', 'guixu.manualTrigger'),
          node('Call', 'guixu.executeWorkflow', { source: 'localFile', workflowPath: child }),
        ],
        connections: { Start: { main: [[{ node: 'Call', type: 'main', index: 0 }]] } },
      }),
    );
    const r = await cli('workflow', 'run', parent);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      `Node "Call" failed: Sub-workflow ${child} is not valid JSON: unexpected end of JSON input`,
    );
    expect(r.err).toContain('[SUBWORKFLOW_INVALID]');
  });

  it('validates and reports every problem at once', async () => {
    const ok = await cli('workflow', 'validate', 'examples/hello.json');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('valid');
    const file = tempFile(
      'bad.json',
      JSON.stringify({
        nodes: [
          node('Start', 'guixu.manualTrigger'),
          node('Mystery', 'guixu.doesNotExist'),
          node('Start', 'guixu.noOp'),
          node('Fields', 'guixu.set', { mode: 'sideways' }),
          node('Expr', 'guixu.set', {
            assignments: { assignments: [{ id: '1', name: 'x', value: '={{ $json.a + }}', type: 'string' }] },
          }),
          node('Alone', 'guixu.noOp'),
        ],
        connections: {
          Start: {
            main: [
              [
                { node: 'Ghost', type: 'main', index: 0 },
                { node: 'Fields', type: 'main', index: 0 },
                { node: 'Expr', type: 'main', index: 0 },
              ],
            ],
          },
        },
      }),
    );
    const r = await cli('workflow', 'validate', file, '--json');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out);
    const codes = report.errors.map((e: { code: string }) => e.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'NODE_TYPE_UNKNOWN',
        'NODE_NAME_DUPLICATE',
        'PARAMETER_INVALID',
        'CONNECTION_TARGET_UNKNOWN',
        'EXPRESSION_SYNTAX',
      ]),
    );
    const expr = report.errors.find((e: { code: string }) => e.code === 'EXPRESSION_SYNTAX');
    expect(expr.path).toBe('nodes[4].parameters.assignments.assignments[0].value');
    expect(report.warnings.map((w: { node: string }) => w.node)).toContain('Alone');
  });

  it('gives nodes the credentials passed with --credentials', async () => {
    const server = createServer((req, res) => {
      const ok = req.headers['x-api-key'] === 's3cret';
      res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
      res.end(JSON.stringify(ok ? { hello: 'world' } : { error: 'no key' }));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    try {
      const flow = tempFile(
        'creds.json',
        JSON.stringify({
          nodes: [
            node('Start', 'guixu.manualTrigger'),
            {
              ...node('Call', 'guixu.httpRequest', {
                url: `http://127.0.0.1:${port}/`,
                authentication: 'genericCredentialType',
                genericAuthType: 'httpHeaderAuth',
              }),
              credentials: { httpHeaderAuth: { id: null, name: 'My key' } },
            },
          ],
          connections: { Start: { main: [[{ node: 'Call', type: 'main', index: 0 }]] } },
        }),
      );
      const creds = tempFile(
        'secrets.json',
        JSON.stringify({ 'My key': { name: 'x-api-key', value: 's3cret' } }),
      );
      const ok = await cli('workflow', 'run', flow, '--credentials', creds, '--json');
      expect(JSON.parse(ok.out).items).toEqual([{ hello: 'world' }]);
      const missing = await cli('workflow', 'run', flow);
      expect(missing.code).toBe(1);
      expect(missing.err).toContain('credential "My key"');
    } finally {
      server.close();
    }
  });

  it('stores inline files given with --input and rejects malformed binary', async () => {
    const file = tempFile(
      'hash.json',
      JSON.stringify({
        nodes: [
          node('Start', 'guixu.manualTrigger'),
          node('Hash', 'guixu.crypto', {
            action: 'hash',
            type: 'SHA256',
            binaryData: true,
            binaryPropertyName: 'data',
            dataPropertyName: 'sha',
          }),
        ],
        connections: { Start: { main: [[{ node: 'Hash', type: 'main', index: 0 }]] } },
      }),
    );
    const inline = JSON.stringify({
      json: {},
      binary: { data: { data: 'aGVsbG8=', mimeType: 'text/plain' } },
    });
    const r = await cli('workflow', 'run', file, '--input', inline);
    expect(r.code).toBe(0);
    // sha256("hello")
    expect(JSON.parse(r.out)[0].json.sha).toBe(
      '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
    );
    const bad = await cli('workflow', 'run', file, '--input', '{"json":{},"binary":{"data":"abc"}}');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--input item 0 binary.data must be a stored file reference');
  });

  it('rejects an unknown node group', async () => {
    const r = await cli('nodes', 'list', '--group', 'nope');
    expect(r.code).toBe(2);
    expect(r.err).toContain('Unknown group "nope"; use one of: trigger, flow, data, action, ai');
  });

  it('lists and shows nodes', async () => {
    const list = await cli('nodes', 'list', '--json');
    const types = JSON.parse(list.out).map((n: { type: string }) => n.type);
    expect(types).toEqual(
      expect.arrayContaining(['guixu.set', 'guixu.if', 'guixu.code', 'guixu.httpRequest']),
    );
    const show = await cli('nodes', 'show', 'guixu.if');
    expect(show.out).toContain('conditions');
    const dedupe = await cli('nodes', 'show', 'guixu.removeDuplicates');
    expect(dedupe.out).toContain('shown when compare (top level) ∈ ["selectedFields"]');
    const json = JSON.parse((await cli('nodes', 'show', 'set', '--json')).out);
    expect(json.parameters.map((p: { name: string }) => p.name)).toContain('assignments');
    const unknown = await cli('nodes', 'show', 'guixu.nope');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('Unknown node type');
  });
});
