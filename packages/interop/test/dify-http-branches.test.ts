import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { builtinNodes } from '@guixu/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { difyApp } from '../src/dify/dify-test-kit.ts';
import { outputsOf, runDifyApp } from './dify-run.ts';

/**
 * Issue 12, gap 8: a Dify app with branches, a Variable Aggregator, an HTTP node (to a
 * local server) and an End node with an object output runs as in Dify: the HTTP node's
 * `body` and `status_code` are read, the aggregator and End run once, and an End output
 * typed `object` keeps the object.
 */
const registry = await builtinNodes();
let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    req.on('end', () => {
      res.statusCode = 201;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ echoed: JSON.parse(body || '{}'), path: req.url }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function app(): string {
  return difyApp(
    [
      {
        id: 'branch',
        data: {
          type: 'if-else',
          title: 'Is urgent',
          cases: [
            {
              case_id: 'true',
              logical_operator: 'and',
              conditions: [
                { id: 'c1', variable_selector: ['start', 'q'], comparison_operator: 'contains', value: '!' },
              ],
            },
          ],
        },
      },
      {
        id: 'urgent',
        data: {
          type: 'template-transform',
          title: 'Urgent',
          template: 'URGENT {{ q }}',
          variables: [{ variable: 'q', value_selector: ['start', 'q'] }],
        },
      },
      {
        id: 'normal',
        data: {
          type: 'template-transform',
          title: 'Normal',
          template: 'normal {{ q }}',
          variables: [{ variable: 'q', value_selector: ['start', 'q'] }],
        },
      },
      {
        id: 'agg',
        data: {
          type: 'variable-aggregator',
          title: 'Pick',
          output_type: 'string',
          variables: [
            ['urgent', 'output'],
            ['normal', 'output'],
          ],
        },
      },
      {
        id: 'call',
        data: {
          type: 'http-request',
          title: 'Post',
          method: 'post',
          url: `${base}/notes`,
          headers: '',
          params: '',
          authorization: { type: 'no-auth' },
          body: { type: 'json', data: '{"text": "{{#agg.output#}}"}' },
          timeout: { max_connect_timeout: 0, max_read_timeout: 0, max_write_timeout: 0 },
        },
      },
      {
        id: 'parse',
        data: {
          type: 'code',
          title: 'Parse',
          code_language: 'javascript',
          code: 'function main({ body }) { return { parsed: JSON.parse(body) } }',
          variables: [{ variable: 'body', value_selector: ['call', 'body'] }],
          outputs: { parsed: { type: 'object' } },
        },
      },
      {
        id: 'end',
        data: {
          type: 'end',
          title: 'End',
          outputs: [
            { variable: 'picked', value_selector: ['agg', 'output'], value_type: 'string' },
            { variable: 'status', value_selector: ['call', 'status_code'], value_type: 'number' },
            { variable: 'body', value_selector: ['call', 'body'], value_type: 'string' },
            { variable: 'parsed', value_selector: ['parse', 'parsed'], value_type: 'object' },
            // Dify does not enforce value types: an array in an `object` output passes as it is.
            { variable: 'list', value_selector: ['start', 'tags'], value_type: 'object' },
          ],
        },
      },
    ],
    [
      { source: 'start', target: 'branch' },
      { source: 'branch', sourceHandle: 'true', target: 'urgent' },
      { source: 'branch', sourceHandle: 'false', target: 'normal' },
      { source: 'urgent', target: 'agg' },
      { source: 'normal', target: 'agg' },
      { source: 'agg', target: 'call' },
      { source: 'call', target: 'parse' },
      { source: 'parse', target: 'end' },
    ],
  );
}

describe('Dify HTTP node after branches', () => {
  for (const [q, picked] of [
    ['fire!', 'URGENT fire!'],
    ['tea', 'normal tea'],
  ] as const) {
    it(`"${q}": the aggregator and End run once; End reads the HTTP body, status and an object`, async () => {
      const state = await runDifyApp(registry, app(), { q, tags: ['a', 'b'] });
      expect(outputsOf(state, 'Pick')).toEqual([{ output: picked }]);
      const body = JSON.stringify({ echoed: { text: picked }, path: '/notes' });
      expect(outputsOf(state, 'End')).toEqual([
        { picked, status: 201, body, parsed: { echoed: { text: picked }, path: '/notes' }, list: ['a', 'b'] },
      ]);
      expect(state.runData.End).toHaveLength(1);
      expect(state.runData.Pick).toHaveLength(1);
    });
  }
});
