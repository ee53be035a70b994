import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEngine, MemoryBinaryStore, systemClock } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOne } from './mapping-test-kit.ts';

/**
 * Issue 12, gap 7: HTTP Request nodes from n8n. v1 "Response Format: String" puts the body in
 * `data`, parsed when it is JSON and as text otherwise, as n8n 2.8.4 does (recorded in
 * test/n8n-parity/workflows/http-errors.json); a node saved with an empty URL (or the empty
 * expression "=") is still an HTTP Request node whose empty field validation reports.
 */
const registry = await builtinNodes();
let server: Server;
let url = '';

beforeAll(async () => {
  server = createServer((_, res) => {
    res.setHeader('content-type', 'application/json');
    res.end('{"id":1,"name":"Ada"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/user`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('n8n HTTP Request import', () => {
  it('v1 responseFormat "string" puts a JSON body in `data` parsed, as n8n 2.8.4 does', async () => {
    const { node, workflow } = importOne(registry, {
      type: 'n8n-nodes-base.httpRequest',
      typeVersion: 1,
      parameters: { url, responseFormat: 'string', options: {} },
    });
    expect(node.type).toBe('guixu.httpRequest');
    const engine = createEngine({
      registry,
      services: { binary: new MemoryBinaryStore(), clock: systemClock },
    });
    const state = await engine.run(
      workflow,
      engine.start(workflow, { executionId: randomUUID(), mode: 'manual' }),
    );
    expect(state.status).toBe('success');
    expect(state.runData.Node?.[0]?.data?.main[0]?.map((item) => item.json)).toEqual([
      { data: { id: 1, name: 'Ada' } },
    ]);
  });

  it('an empty URL or "=" imports as the node, and validation reports the empty field', () => {
    for (const [typeVersion, value] of [
      [1, ''],
      [1, '='],
      [4.2, ''],
      [4.2, '='],
    ] as const) {
      const { node, report, full } = importOne(registry, {
        type: 'n8n-nodes-base.httpRequest',
        typeVersion,
        parameters: { url: value, options: {} },
      });
      expect(node.type).toBe('guixu.httpRequest');
      expect(node.parameters.url).toBe('');
      expect(report.status).toBe('mapped');
      expect(full.validation.errors).toEqual([
        expect.objectContaining({
          node: 'Node',
          parameter: 'url',
          message: expect.stringContaining('is required'),
        }),
      ]);
    }
  });
});
