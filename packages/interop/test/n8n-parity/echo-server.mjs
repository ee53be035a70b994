// A tiny HTTP server the parity workflows call (fixed port, so recorded workflows and
// tests use the same URL). It answers with what it received, without volatile headers.
import { createServer } from 'node:http';

export const ECHO_PORT = 38717;

export function startEchoServer(port = ECHO_PORT) {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (url.pathname === '/text') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end(`plain text for ${url.searchParams.get('who') ?? 'nobody'}`);
        return;
      }
      if (url.pathname === '/list') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify([{ n: 1 }, { n: 2 }]));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          method: req.method,
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          contentType: (req.headers['content-type'] ?? '').split(';')[0],
          xTest: req.headers['x-test'] ?? null,
          authorization: req.headers.authorization ?? null,
          body,
        }),
      );
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
