import WebSocket from 'ws';
import type { Identity } from './identities.ts';
import { type Answer, safeJson, type World } from './isolation-matrix.ts';

/** The push endpoint is a WebSocket: the matrix's app listens on loopback once, for real upgrades. */
const listening = new WeakMap<World, Promise<string>>();

function baseUrl(world: World): Promise<string> {
  let url = listening.get(world);
  if (url === undefined) {
    url = world.app.listen({ port: 0, host: '127.0.0.1' }).then((address) => address.replace(/^http/, 'ws'));
    listening.set(world, url);
  }
  return url;
}

function codeOf(text: string): unknown {
  const body = safeJson(text);
  return typeof body === 'object' && body !== null ? Reflect.get(body, 'code') : undefined;
}

/**
 * Connects as `who` and reads the first message: a refused upgrade is its
 * HTTP status; a subscription the server refuses (`PUSH_NOT_FOUND`) is a 404;
 * the list of subscriptions is a success (101).
 */
export async function pushAnswer(world: World, who: Identity | null, path: string): Promise<Answer> {
  const socket = new WebSocket(`${await baseUrl(world)}${path}`, { headers: who?.headers ?? {} });
  try {
    return await new Promise<Answer>((resolve, reject) => {
      socket.once('unexpected-response', (_request, response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, code: codeOf(text) }));
      });
      socket.once('message', (data: Buffer) => {
        const code = codeOf(data.toString('utf8'));
        resolve(
          code === undefined ? { status: 101 } : { status: code === 'PUSH_NOT_FOUND' ? 404 : 400, code },
        );
      });
      socket.once('error', reject);
    });
  } finally {
    socket.terminate();
  }
}
