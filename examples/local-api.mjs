// A tiny local JSON API for the HTTP Request examples (examples/http-*.json).
// Start it with `node examples/local-api.mjs` (PORT defaults to 8787), then run
// `npm run guixu -- workflow run examples/http-todos.json` in another terminal.
import { createServer } from 'node:http';

const port = Number(process.env.PORT ?? 8787);
const todos = Array.from({ length: 8 }, (_, i) => ({
  id: i + 1,
  title: `Task ${i + 1}`,
  done: i % 3 === 0,
}));
let reports = 0;

function json(res, status, value) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    if (req.method === 'GET' && url.pathname === '/todos') {
      // Pages of `limit` todos; a page past the end is an empty array.
      const page = Math.max(1, Number(url.searchParams.get('page') ?? 1));
      const limit = Math.max(1, Number(url.searchParams.get('limit') ?? 3));
      return json(res, 200, todos.slice((page - 1) * limit, page * limit));
    }
    if (req.method === 'POST' && url.pathname === '/reports') {
      if (req.headers['content-type'] !== 'application/json') {
        return json(res, 415, { error: 'send JSON' });
      }
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString() || '{}');
      } catch {
        return json(res, 400, { error: 'invalid JSON' });
      }
      reports += 1;
      return json(res, 201, { reportId: reports, source: req.headers['x-source'] ?? null, ...body });
    }
    json(res, 404, { error: `no route for ${req.method} ${url.pathname}` });
  });
});

server.listen(port, '127.0.0.1', () => {
  // PORT=0 picks a free port; the line says which (tests read it).
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  console.log(`local API listening on http://127.0.0.1:${actual} (Ctrl+C to stop)`);
});
process.on('SIGINT', () => server.close(() => process.exit(0)));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
