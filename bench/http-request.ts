/**
 * HTTP Request node throughput against a local keep-alive server: many small
 * JSON requests (one per item) and one streamed 32 MB download into the
 * file-system binary store. Prints numbers; asserts nothing.
 * Run: `npx tsx bench/http-request.ts`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testNode } from '../packages/core/src/sdk/testing.ts';
import { FsBinaryStore } from '../packages/nodes/src/binary/fs-binary-store.ts';
import httpRequest from '../packages/nodes/src/http-request/http-request.node.ts';
import { startServer } from '../packages/nodes/src/http-request/test-support/servers.ts';

interface Result {
  name: string;
  value: number;
  unit: string;
}

const CHUNK = Buffer.alloc(64 * 1024, 7);

export default async function bench(): Promise<Result[]> {
  const server = await startServer((req, res) => {
    if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      let sent = 0;
      const pump = () => {
        while (sent < 512) {
          sent++;
          if (!res.write(CHUNK)) return void res.once('drain', pump);
        }
        res.end();
      };
      return pump();
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'guixu-bench-http-'));
  const results: Result[] = [];
  try {
    const items = Array.from({ length: 2000 }, () => ({}));
    await testNode(httpRequest, { items: items.slice(0, 200), parameters: { url: server.url } });
    const t0 = performance.now();
    await testNode(httpRequest, { items, parameters: { url: server.url } });
    const seconds = (performance.now() - t0) / 1000;
    results.push({
      name: '2,000 GET requests, one per item',
      value: Math.round(items.length / seconds),
      unit: 'req/s',
    });

    const binary = new FsBinaryStore(dataDir);
    const rssBefore = process.memoryUsage().rss;
    const t1 = performance.now();
    await testNode(httpRequest, {
      parameters: {
        url: `${server.url}/big`,
        options: { response: { response: { responseFormat: 'file' } } },
      },
      services: { binary },
    });
    const downloadSeconds = (performance.now() - t1) / 1000;
    results.push({
      name: '32 MB download to FsBinaryStore',
      value: Math.round(32 / downloadSeconds),
      unit: 'MB/s',
    });
    results.push({
      name: 'RSS growth during the 32 MB download',
      value: Math.round((process.memoryUsage().rss - rssBefore) / 1e6),
      unit: 'MB',
    });
  } finally {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await bench()) console.log(`${row.name}: ${row.value} ${row.unit}`);
}
