import {
  createServer,
  type IncomingMessage,
  request as httpRequest,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, type Socket } from 'node:net';
import { selfSignedCertificate } from './self-signed.ts';

/** Real local servers for the HTTP Request tests (127.0.0.1, random ports). */
export type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => unknown;

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of req) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

function listen(server: Server, protocol: string): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({
        url: `${protocol}://127.0.0.1:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

function wrap(handler: Handler) {
  return (req: IncomingMessage, res: ServerResponse) => {
    readAll(req)
      .then((body) => handler(req, res, body))
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500);
        res.end(String(error));
      });
  };
}

export function startServer(handler: Handler): Promise<RunningServer> {
  return listen(createServer(wrap(handler)), 'http');
}

export interface HttpsServerOptions {
  /** Require client certificates signed by (or equal to) this PEM certificate. */
  clientCa?: string;
}

export async function startHttpsServer(
  handler: Handler,
  options: HttpsServerOptions = {},
): Promise<RunningServer & { cert: string }> {
  const certificate = selfSignedCertificate();
  const mutual = options.clientCa
    ? { requestCert: true, rejectUnauthorized: true, ca: options.clientCa }
    : {};
  const running = await listen(createHttpsServer({ ...certificate, ...mutual }, wrap(handler)), 'https');
  return { ...running, cert: certificate.cert };
}

export interface RunningProxy extends RunningServer {
  /** `GET http://…` targets and `CONNECT host:port` authorities, in order. */
  seen: string[];
  /** Proxy-Authorization headers received. */
  authorizations: (string | undefined)[];
}

/** A forward proxy: absolute-URI requests for http://, CONNECT tunnels for https://. */
export async function startProxy(
  options: {
    requireAuth?: string;
    /** Sends every http:// request here instead of to its own host. */
    upstream?: URL;
    /** Closes every CONNECT without an answer, as a proxy without CONNECT support may. */
    closeTunnels?: boolean;
  } = {},
): Promise<RunningProxy> {
  const seen: string[] = [];
  const authorizations: (string | undefined)[] = [];
  const denied = (req: IncomingMessage) => {
    authorizations.push(req.headers['proxy-authorization']);
    return options.requireAuth !== undefined && req.headers['proxy-authorization'] !== options.requireAuth;
  };
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    if (denied(req)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic' }).end();
      return;
    }
    const target = new URL(req.url ?? '');
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const upstream = httpRequest(
      {
        host: options.upstream?.hostname ?? target.hostname,
        port: options.upstream?.port ?? target.port,
        path: target.pathname + target.search,
        method: req.method,
        headers,
      },
      (response) => {
        res.writeHead(response.statusCode ?? 502, { ...response.headers, via: 'test-proxy' });
        response.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    if (options.closeTunnels) {
      client.destroy();
      return;
    }
    if (denied(req)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n');
      return;
    }
    const [host = '', port = '443'] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const running = await listen(server, 'http');
  return { ...running, seen, authorizations };
}

/** Answers at once without reading the request body, then closes the connection. */
export function startEarlyAnswerServer(status: number, text: string): Promise<RunningServer> {
  return listen(
    createServer((_req, res) => {
      res.writeHead(status, { connection: 'close' }).end(text);
    }),
    'http',
  );
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = await startServer(() => {});
  await server.close();
  return server.port;
}
