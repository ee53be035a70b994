import { MemoryBinaryStore, testNode, testNodeError } from '@guixu/core';
import { afterEach, describe, expect, it } from 'vitest';
import httpRequest from './http-request.node.ts';
import { serverPool } from './test-support/harness.ts';
import { startServer } from './test-support/servers.ts';

const pool = serverPool();
afterEach(() => pool.closeAll());

interface Received {
  method: string;
  contentType: string;
  contentLength?: string;
  body: Buffer;
}

async function receiver() {
  const received: Received[] = [];
  const server = await pool.track(
    startServer((req, res, body) => {
      received.push({
        method: req.method ?? '',
        contentType: String(req.headers['content-type'] ?? ''),
        contentLength: req.headers['content-length'],
        body,
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    }),
  );
  return { url: server.url, received };
}

/** Splits a multipart body into its parts (enough for assertions). */
function parts(received: Received) {
  const boundary = /boundary=(.+)$/.exec(received.contentType)?.[1] ?? '';
  return received.body
    .toString('latin1')
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((raw) => {
      const [head = '', ...rest] = raw.replace(/^\r\n/, '').split('\r\n\r\n');
      return { head, content: rest.join('\r\n\r\n').replace(/\r\n$/, '') };
    });
}

describe('HTTP Request: bodies', () => {
  it('sends JSON built from fields, with dot paths making nested objects', async () => {
    const { url, received } = await receiver();
    await testNode(httpRequest, {
      items: [{ n: 3 }],
      parameters: {
        method: 'POST',
        url,
        sendBody: true,
        contentType: 'json',
        bodyParameters: {
          parameters: [
            { name: 'name', value: 'Ada' },
            { name: 'address.city', value: 'London' },
            { name: 'count', value: '={{ $json.n }}' },
          ],
        },
      },
    });
    expect(received[0]?.contentType).toBe('application/json');
    expect(JSON.parse(received[0]?.body.toString() ?? '')).toEqual({
      name: 'Ada',
      address: { city: 'London' },
      count: 3,
    });
  });

  it('sends JSON given as JSON text, and rejects invalid JSON', async () => {
    const { url, received } = await receiver();
    await testNode(httpRequest, {
      parameters: { method: 'PATCH', url, sendBody: true, specifyBody: 'json', jsonBody: '{"a": [1, 2]}' },
    });
    expect(JSON.parse(received[0]?.body.toString() ?? '')).toEqual({ a: [1, 2] });
    // The most common n8n form: a JSON template with expressions inside.
    await testNode(httpRequest, {
      items: [{ name: 'Ada', n: 2 }],
      parameters: {
        method: 'POST',
        url,
        sendBody: true,
        specifyBody: 'json',
        jsonBody:
          '={\n  "name": "{{ $json.name }}",\n  "n": {{ $json.n }},\n  "all": {{ JSON.stringify($json) }}\n}',
      },
    });
    expect(JSON.parse(received[1]?.body.toString() ?? '')).toEqual({
      name: 'Ada',
      n: 2,
      all: { name: 'Ada', n: 2 },
    });
    const error = await testNodeError(httpRequest, {
      parameters: { method: 'POST', url, sendBody: true, specifyBody: 'json', jsonBody: '{"a": ' },
    });
    expect(received).toHaveLength(2);
    expect(error.code).toBe('PARAMETER_INVALID');
    expect(error.parameter).toBe('jsonBody');
  });

  it('sends form-urlencoded bodies from fields or from a single string', async () => {
    const { url, received } = await receiver();
    await testNode(httpRequest, {
      parameters: {
        method: 'POST',
        url,
        sendBody: true,
        contentType: 'form-urlencoded',
        bodyParameters: {
          parameters: [
            { name: 'a', value: '1 2' },
            { name: 'b', value: 'x&y' },
          ],
        },
      },
    });
    expect(received[0]?.contentType).toBe('application/x-www-form-urlencoded');
    expect(received[0]?.body.toString()).toBe('a=1%202&b=x%26y');
    await testNode(httpRequest, {
      parameters: {
        method: 'POST',
        url,
        sendBody: true,
        contentType: 'form-urlencoded',
        specifyBody: 'string',
        body: 'field1=value1&field2=value2',
      },
    });
    expect(Object.fromEntries(new URLSearchParams(received[1]?.body.toString()))).toEqual({
      field1: 'value1',
      field2: 'value2',
    });
  });

  it('sends multipart form-data with fields and files from the item binary', async () => {
    const { url, received } = await receiver();
    const binary = new MemoryBinaryStore();
    const file = await binary.put(Buffer.from('file content'), {
      mimeType: 'text/csv',
      fileName: 'report.csv',
    });
    await testNode(httpRequest, {
      items: [{ json: {}, binary: { attachment: file } }],
      services: { binary },
      parameters: {
        method: 'POST',
        url,
        sendBody: true,
        contentType: 'multipart-form-data',
        bodyParameters: {
          parameters: [
            { parameterType: 'formData', name: 'title', value: 'Q3' },
            { parameterType: 'formBinaryData', name: 'upload', inputDataFieldName: 'attachment' },
          ],
        },
      },
    });
    const sent = received[0];
    if (!sent) throw new Error('nothing received');
    expect(sent.contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(parts(sent)).toEqual([
      { head: 'Content-Disposition: form-data; name="title"', content: 'Q3' },
      {
        head: 'Content-Disposition: form-data; name="upload"; filename="report.csv"\r\nContent-Type: text/csv',
        content: 'file content',
      },
    ]);
  });

  it('names the missing binary property', async () => {
    const { url } = await receiver();
    const error = await testNodeError(httpRequest, {
      parameters: {
        method: 'POST',
        url,
        sendBody: true,
        contentType: 'binaryData',
        inputDataFieldName: 'file',
      },
    });
    expect(error.message).toBe(
      'This request expects the input item to have a binary file in "file", but none was found',
    );
    expect(error.details?.code).toBe('HTTP_PARAMETER_INVALID');
  });

  it('sends a binary file as the whole body with its type and length', async () => {
    const { url, received } = await receiver();
    const binary = new MemoryBinaryStore();
    const file = await binary.put(new Uint8Array([1, 2, 3, 4, 5]), { mimeType: 'image/png' });
    await testNode(httpRequest, {
      items: [{ json: {}, binary: { data: file } }],
      services: { binary },
      parameters: {
        method: 'PUT',
        url,
        sendBody: true,
        contentType: 'binaryData',
        inputDataFieldName: 'data',
      },
    });
    expect(received[0]).toMatchObject({ method: 'PUT', contentType: 'image/png', contentLength: '5' });
    expect(Array.from(received[0]?.body ?? [])).toEqual([1, 2, 3, 4, 5]);
  });

  it('sends a raw body with its content type', async () => {
    const { url, received } = await receiver();
    await testNode(httpRequest, {
      parameters: {
        method: 'POST',
        url,
        sendBody: true,
        contentType: 'raw',
        rawContentType: 'text/xml',
        body: '<a>1</a>',
      },
    });
    expect(received[0]).toMatchObject({ contentType: 'text/xml' });
    expect(received[0]?.body.toString()).toBe('<a>1</a>');
  });
});
