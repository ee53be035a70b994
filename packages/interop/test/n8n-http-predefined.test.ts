import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEngine, MemoryBinaryStore, systemClock } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importN8n } from '../src/index.ts';

/** n8n HTTP Request nodes with "Predefined Credential Type" import as themselves and run. */
const server = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ authorization: req.headers.authorization ?? null }));
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function n8nWorkflow(type: string, target: string) {
  return JSON.stringify({
    name: 'predefined',
    nodes: [
      {
        id: '1',
        name: 'Start',
        type: 'n8n-nodes-base.manualTrigger',
        typeVersion: 1,
        position: [0, 0],
        parameters: {},
      },
      {
        id: '2',
        name: 'Call',
        type: 'n8n-nodes-base.httpRequest',
        typeVersion: 4.2,
        position: [200, 0],
        parameters: {
          url: target,
          authentication: 'predefinedCredentialType',
          nodeCredentialType: type,
          options: {},
        },
        credentials: { [type]: { id: 'abc', name: 'My token' } },
      },
    ],
    connections: { Start: { main: [[{ node: 'Call', type: 'main', index: 0 }]] } },
  });
}

describe('n8n import: HTTP Request with a predefined credential type', () => {
  it('imports with the credential slot and runs with the service auth', async () => {
    const registry = await builtinNodes();
    const { workflow, report } = importN8n(n8nWorkflow('cloudflareApi', url), {
      registry,
      fileName: 'p.json',
    });
    expect(report.validation.errors).toEqual([]);
    expect(report.summary.placeholders).toBe(0);
    expect(report.credentials).toEqual([{ node: 'Call', slot: 'cloudflareApi', name: 'My token' }]);
    const engine = createEngine({
      registry,
      services: { binary: new MemoryBinaryStore(), clock: systemClock },
      credentials: {
        async get(request) {
          expect(request.type).toBe('cloudflareApi');
          return { apiToken: 'cf-token' };
        },
      },
    });
    const state = await engine.run(
      workflow,
      engine.start(workflow, { executionId: randomUUID(), mode: 'cli', triggerItems: [{ json: {} }] }),
    );
    expect(state.error).toBeUndefined();
    expect(state.runData.Call?.[0]?.data?.main[0]?.[0]?.json).toEqual({ authorization: 'Bearer cf-token' });
  });
});
