import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testNode, testNodeError } from '@guixu/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FsBinaryStore } from '../binary/fs-binary-store.ts';
import httpRequest from './http-request.node.ts';
import { serverPool } from './test-support/harness.ts';
import { apiServer } from './test-support/api-server.ts';
import { closedPort, startServer } from './test-support/servers.ts';

const pool = serverPool();
afterEach(() => pool.closeAll());

let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'guixu-http-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('HTTP Request: requests and responses', () => {
  it('turns a JSON array into one item per element, paired to the input item', async () => {
    const api = await apiServer(pool);
    const result = await testNode(httpRequest, { parameters: { url: `${api.url}/users` } });
    expect(result.json).toEqual([[{ id: 1 }, { id: 2 }]]);
    expect(result.outputs[0]?.[1]?.pairedItem).toEqual({ item: 0 });
  });

  it('sends every method', async () => {
    const api = await apiServer(pool);
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
      const result = await testNode(httpRequest, { parameters: { method, url: `${api.url}/echo` } });
      expect(result.json[0]?.[0]?.method).toBe(method);
    }
    const head = await testNode(httpRequest, {
      parameters: {
        method: 'HEAD',
        url: `${api.url}/echo`,
        options: { response: { response: { fullResponse: true } } },
      },
    });
    expect(head.json[0]?.[0]).toMatchObject({ statusCode: 200, body: {} });
  });

  it('makes one request per input item with expressions resolved per item', async () => {
    const api = await apiServer(pool);
    const result = await testNode(httpRequest, {
      items: [{ id: 'a' }, { id: 'b' }],
      parameters: { url: `=${api.url}/things/{{ $json.id }}` },
    });
    expect(result.json[0]?.map((j) => j.path)).toEqual(['/things/a', '/things/b']);
    expect(result.outputs[0]?.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
  });

  it('returns text in the output field, and the full response when asked', async () => {
    const api = await apiServer(pool);
    const text = await testNode(httpRequest, { parameters: { url: `${api.url}/text` } });
    expect(text.json).toEqual([[{ data: 'hello world' }]]);
    const full = await testNode(httpRequest, {
      parameters: {
        url: `${api.url}/text`,
        options: {
          response: { response: { fullResponse: true, responseFormat: 'text', outputPropertyName: 'page' } },
        },
      },
    });
    expect(full.json[0]?.[0]).toMatchObject({
      page: 'hello world',
      statusCode: 200,
      statusMessage: 'OK',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
    const json = await testNode(httpRequest, {
      parameters: { url: `${api.url}/users`, options: { response: { response: { fullResponse: true } } } },
    });
    expect(json.json[0]?.[0]).toMatchObject({ body: [{ id: 1 }, { id: 2 }], statusCode: 200 });
  });

  it('forces JSON or text parsing whatever the content type says', async () => {
    const api = await apiServer(pool);
    const asText = await testNode(httpRequest, {
      parameters: {
        url: `${api.url}/users`,
        options: { response: { response: { responseFormat: 'text' } } },
      },
    });
    expect(asText.json).toEqual([[{ data: '[{"id":1},{"id":2}]' }]]);
    const error = await testNodeError(httpRequest, {
      parameters: { url: `${api.url}/text`, options: { response: { response: { responseFormat: 'json' } } } },
    });
    expect(error.message).toBe('Response body is not valid JSON. Change "Response Format" to "Text"');
    const invalid = await testNodeError(httpRequest, { parameters: { url: `${api.url}/bad-json` } });
    expect(invalid.code).toBe('HTTP_RESPONSE_INVALID_JSON');
  });

  it('stores files in the binary store and keeps the input json', async () => {
    const api = await apiServer(pool);
    const binary = new FsBinaryStore(dataDir);
    const result = await testNode(httpRequest, {
      items: [{ keep: true }],
      parameters: { url: `${api.url}/image.png` },
      services: { binary },
    });
    const item = result.outputs[0]?.[0];
    expect(item?.json).toEqual({ keep: true });
    expect(item?.binary?.data).toMatchObject({ mimeType: 'image/png', fileName: 'image.png', fileSize: 4 });
    const ref = item?.binary?.data;
    if (!ref) throw new Error('no binary');
    expect(Array.from(await binary.get(ref))).toEqual([137, 80, 78, 71]);

    const asFile = await testNode(httpRequest, {
      parameters: {
        url: `${api.url}/users`,
        options: {
          response: {
            response: { responseFormat: 'file', outputPropertyName: 'download', fullResponse: true },
          },
        },
      },
      services: { binary },
    });
    const fileItem = asFile.outputs[0]?.[0];
    expect(fileItem?.json).toMatchObject({ statusCode: 200 });
    expect(fileItem?.binary?.download).toMatchObject({
      mimeType: 'application/json',
      fileName: 'download.json',
      fileSize: 19,
    });
  });

  it('streams a large file up and back down through the file-system binary store', async () => {
    const echo = await pool.track(
      startServer((_req, res, body) => {
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'x-received': String(body.length) });
        res.end(body);
      }),
    );
    const binary = new FsBinaryStore(dataDir);
    async function* chunks() {
      for (let i = 0; i < 128; i++) yield new Uint8Array(64 * 1024).fill(i);
    }
    const upload = await binary.put(chunks(), { mimeType: 'application/octet-stream', fileName: 'big.bin' });
    const result = await testNode(httpRequest, {
      items: [{ json: {}, binary: { data: upload } }],
      services: { binary },
      parameters: {
        method: 'POST',
        url: `${echo.url}/echo.bin`,
        sendBody: true,
        contentType: 'binaryData',
        inputDataFieldName: 'data',
        options: { response: { response: { responseFormat: 'file', outputPropertyName: 'copy' } } },
      },
    });
    const copy = result.outputs[0]?.[0]?.binary?.copy;
    if (!copy) throw new Error('no downloaded file');
    expect(copy.fileSize).toBe(128 * 64 * 1024);
    expect(copy.fileName).toBe('echo.bin');
    const digest = async (ref: typeof copy) => {
      const hash = createHash('sha256');
      for await (const chunk of binary.stream(ref)) hash.update(chunk);
      return hash.digest('hex');
    };
    expect(await digest(copy)).toBe(await digest(upload));
  });

  it('fails on a non-2xx status with HTTP_STATUS_<n>, the status and a body excerpt', async () => {
    const api = await apiServer(pool);
    const error = await testNodeError(httpRequest, {
      name: 'Fetch',
      parameters: { url: `${api.url}/missing` },
    });
    expect(error.code).toBe('HTTP_STATUS_404');
    expect(error.node).toBe('Fetch');
    expect(error.message).toBe(
      `Request failed with 404 Not Found (GET ${api.url}/missing): {"error":"no such thing"}`,
    );
  });

  it('marks 5xx as retryable with the Retry-After delay', async () => {
    const api = await apiServer(pool);
    try {
      await testNode(httpRequest, { parameters: { url: `${api.url}/busy` } });
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toMatchObject({ code: 'HTTP_STATUS_503', retryable: true, retryAfterMs: 7000 });
    }
  });

  it('returns non-2xx answers as data with "Never Error"', async () => {
    const api = await apiServer(pool);
    const result = await testNode(httpRequest, {
      parameters: {
        url: `${api.url}/missing`,
        options: { response: { response: { neverError: true, fullResponse: true } } },
      },
    });
    expect(result.json).toEqual([
      [expect.objectContaining({ statusCode: 404, body: { error: 'no such thing' } })],
    ]);
  });

  it('turns failed items into { error } items when continuing on fail, error being an object as in n8n', async () => {
    const api = await apiServer(pool);
    const result = await testNode(httpRequest, {
      onError: 'continueRegularOutput',
      items: [{ p: 'users' }, { p: 'missing' }, { p: 'text' }],
      parameters: { url: `=${api.url}/{{ $json.p }}` },
    });
    const out = result.outputs[0] ?? [];
    expect(out.map((i) => i.json)).toEqual([
      { id: 1 },
      { id: 2 },
      {
        error: expect.objectContaining({
          message: expect.stringContaining('404 Not Found'),
          name: 'NodeApiError',
          httpCode: '404',
          status: 404,
          code: 'HTTP_STATUS_404',
        }),
      },
      { data: 'hello world' },
    ]);
    expect(out[2]?.pairedItem).toEqual({ item: 1 });
  });

  it('stops at the first failing item otherwise, naming it', async () => {
    const api = await apiServer(pool);
    try {
      await testNode(httpRequest, {
        items: [{ p: 'users' }, { p: 'missing' }],
        parameters: { url: `=${api.url}/{{ $json.p }}` },
      });
      throw new Error('expected a failure');
    } catch (error) {
      expect(error).toMatchObject({
        code: 'HTTP_STATUS_404',
        details: expect.objectContaining({ itemIndex: 1 }),
      });
    }
  });

  it('explains connection failures and bad URLs', async () => {
    const port = await closedPort();
    const refused = await testNodeError(httpRequest, { parameters: { url: `http://127.0.0.1:${port}/x` } });
    expect(refused.code).toBe('HTTP_CONNECTION_REFUSED');
    expect(refused.message).toBe(`Could not connect to http://127.0.0.1:${port}: connection refused`);
    await expect(
      testNode(httpRequest, { parameters: { url: `http://127.0.0.1:${port}/x` } }),
    ).rejects.toMatchObject({
      retryable: true,
      node: 'HTTP Request',
    });
    const empty = await testNodeError(httpRequest, { parameters: { url: '  ' } });
    expect(empty.message).toBe('URL parameter cannot be empty');
    const ftp = await testNodeError(httpRequest, { parameters: { url: 'ftp://x' } });
    expect(ftp.message).toBe('Invalid URL: ftp://x. URL must start with "http" or "https".');
    const header = await testNodeError(httpRequest, {
      parameters: {
        url: `http://127.0.0.1:${port}/x`,
        sendHeaders: true,
        headerParameters: { parameters: [{ name: 'X-Note', value: 'line one\nline two' }] },
      },
    });
    expect(header.message).toBe('Cannot send this request: Invalid character in header content ["x-note"]');
    expect(header.details?.code).toBe('HTTP_HEADER_INVALID');
    const method = await testNodeError(httpRequest, { parameters: { url: 'http://x', method: 'FETCH' } });
    expect(method.code).toBe('PARAMETER_INVALID');
    expect(method.parameter).toBe('method');
  });

  it('sends query parameters from fields or JSON in each array format', async () => {
    const api = await apiServer(pool);
    const fields = await testNode(httpRequest, {
      parameters: {
        url: `${api.url}/echo?fixed=1`,
        sendQuery: true,
        queryParameters: {
          parameters: [
            { name: 'q', value: 'a b' },
            { name: 'tag', value: 'x' },
            { name: 'tag', value: 'y' },
          ],
        },
        options: { queryParameterArrays: 'repeat' },
      },
    });
    expect(fields.json[0]?.[0]?.query).toEqual({ fixed: ['1'], q: ['a b'], tag: ['x', 'y'] });
    const expected = {
      brackets: { 'tag[]': ['x', 'y'], n: ['5'] },
      indices: { 'tag[0]': ['x'], 'tag[1]': ['y'], n: ['5'] },
      repeat: { tag: ['x', 'y'], n: ['5'] },
    };
    for (const [format, query] of Object.entries(expected)) {
      const json = await testNode(httpRequest, {
        parameters: {
          url: `${api.url}/echo`,
          sendQuery: true,
          specifyQuery: 'json',
          jsonQuery: '{"tag": ["x", "y"], "n": 5}',
          options: { queryParameterArrays: format },
        },
      });
      expect(json.json[0]?.[0]?.query).toEqual(query);
    }
    const notObject = await testNodeError(httpRequest, {
      parameters: { url: api.url, sendQuery: true, specifyQuery: 'json', jsonQuery: '[1]' },
    });
    expect(notObject.message).toBe('The value in the "JSON Query Parameters" field must be a JSON object');
  });

  it('sends headers from fields (lowercased unless told otherwise) or JSON', async () => {
    const raw: string[][] = [];
    const server = await pool.track(
      startServer((req, res) => {
        raw.push(req.rawHeaders);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      }),
    );
    await testNode(httpRequest, {
      parameters: {
        url: server.url,
        sendHeaders: true,
        headerParameters: {
          parameters: [
            { name: 'X-Trace', value: 't1' },
            { name: 'Accept', value: 'text/csv' },
          ],
        },
      },
    });
    expect(raw[0]).toEqual(expect.arrayContaining(['x-trace', 't1', 'accept', 'text/csv']));
    await testNode(httpRequest, {
      parameters: {
        url: server.url,
        sendHeaders: true,
        specifyHeaders: 'json',
        jsonHeaders: '{"X-Count": 3}',
        options: { lowercaseHeaders: false },
      },
    });
    expect(raw[1]).toEqual(expect.arrayContaining(['X-Count', '3']));
    expect(raw[1]).not.toContain('x-count');
  });

  it('hints at Split Out when one item holds a data array', async () => {
    const server = await pool.track(
      startServer((_req, res) =>
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[1,2]}'),
      ),
    );
    const result = await testNode(httpRequest, { parameters: { url: server.url } });
    expect(result.hints?.[0]).toContain('Split Out');
  });
});
