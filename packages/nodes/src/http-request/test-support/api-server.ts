import { queryOf, type serverPool } from './harness.ts';
import { startServer } from './servers.ts';

/** A server that answers by path, and echoes requests on /echo. */
export function apiServer(pool: ReturnType<typeof serverPool>) {
  return pool.track(
    startServer((req, res, body) => {
      const url = new URL(req.url ?? '/', 'http://x');
      switch (url.pathname) {
        case '/users':
          return res
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify([{ id: 1 }, { id: 2 }]));
        case '/text':
          return res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('hello world');
        case '/image.png':
          return res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([137, 80, 78, 71]));
        case '/missing':
          return res
            .writeHead(404, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: 'no such thing' }));
        case '/busy':
          return res.writeHead(503, { 'retry-after': '7' }).end('try later');
        case '/bad-json':
          return res.writeHead(200, { 'content-type': 'application/json' }).end('{oops');
        case '/redirect':
          return res.writeHead(302, { location: '/users' }).end();
        case '/slow':
          return setTimeout(() => res.end('late'), 2000);
        default:
          return res.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              method: req.method,
              path: url.pathname,
              query: queryOf(req.url ?? '/'),
              rawQuery: url.search,
              headers: req.headers,
              body: body.toString(),
            }),
          );
      }
    }),
  );
}
