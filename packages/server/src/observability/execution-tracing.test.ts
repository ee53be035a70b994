import { createServer, type Server } from 'node:http';
import { isRecord } from '@guixu/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { flushTraces } from '../features/tracing/plugin.ts';
import { activeWorkflow, chain, node, setNode } from '../features/webhooks/webhook-test-kit.ts';
import { createTestApp } from '../testing/test-app.ts';

interface ReceivedSpan {
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  attributes: Record<string, unknown>;
}

/** An OTLP/HTTP collector in this process: keeps the spans of every JSON export it receives. */
let collector: Server;
let url = '';
const spans: ReceivedSpan[] = [];
const resources: Record<string, unknown>[] = [];

function attributeValue(value: unknown): unknown {
  if (!isRecord(value)) return undefined;
  return value.stringValue ?? value.intValue ?? value.boolValue ?? value.doubleValue;
}

function attributesOf(list: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!Array.isArray(list)) return out;
  for (const entry of list)
    if (isRecord(entry) && typeof entry.key === 'string') out[entry.key] = attributeValue(entry.value);
  return out;
}

function collect(body: unknown): void {
  if (!isRecord(body) || !Array.isArray(body.resourceSpans)) return;
  for (const resourceSpans of body.resourceSpans) {
    if (!isRecord(resourceSpans)) continue;
    if (isRecord(resourceSpans.resource)) resources.push(attributesOf(resourceSpans.resource.attributes));
    for (const scope of Array.isArray(resourceSpans.scopeSpans) ? resourceSpans.scopeSpans : []) {
      for (const span of isRecord(scope) && Array.isArray(scope.spans) ? scope.spans : []) {
        if (!isRecord(span)) continue;
        spans.push({
          name: String(span.name),
          traceId: String(span.traceId),
          spanId: String(span.spanId),
          ...(typeof span.parentSpanId === 'string' && span.parentSpanId !== ''
            ? { parentSpanId: span.parentSpanId }
            : {}),
          attributes: attributesOf(span.attributes),
        });
      }
    }
  }
}

beforeAll(async () => {
  collector = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces' && request.headers['content-type']?.includes('json')) {
        collect(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const address = collector.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise((resolve) => collector.close(resolve));
});

it('exports a span per execution and a child span per node run over OTLP/HTTP', async () => {
  const t = await createTestApp('sqlite', {
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: url, OTEL_SERVICE_NAME: 'guixu-test' },
  });
  try {
    await activeWorkflow(
      t,
      [
        node('Webhook', 'guixu.webhook', { httpMethod: 'POST', path: 'traced', responseMode: 'lastNode' }),
        setNode('Set', 'x', '=1'),
      ],
      chain(['Webhook', 'Set']),
    );
    const response = await t.app.inject({ method: 'POST', url: '/webhook/traced', payload: {} });
    expect(response.statusCode).toBe(200);
    await flushTraces(t.ctx);
  } finally {
    await t.dispose();
  }
  const execution = spans.find((span) => span.name === 'execution');
  expect(execution?.attributes).toMatchObject({
    'guixu.execution.mode': 'webhook',
    'guixu.execution.status': 'success',
  });
  const nodes = spans.filter((span) => span.name.startsWith('node '));
  expect(nodes.map((span) => span.name).sort()).toEqual(['node Set', 'node Webhook']);
  for (const span of nodes) {
    expect(span.traceId).toBe(execution?.traceId);
    expect(span.parentSpanId).toBe(execution?.spanId);
    expect(span.attributes['guixu.node.status']).toBe('success');
  }
  expect(resources[0]).toMatchObject({ 'service.name': 'guixu-test' });
});
