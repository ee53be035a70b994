import { Writable } from 'node:stream';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../logger.ts';
import { installRequestLog } from './request-log.ts';

const line = z.object({
  level: z.number(),
  msg: z.string(),
  method: z.string(),
  path: z.string(),
  status: z.number(),
  ms: z.number(),
  ip: z.string(),
});

async function logged(enabled: boolean, level: 'info' | 'debug') {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const log = createLogger(level, sink);
  const loggerInstance: FastifyBaseLogger = log;
  const app = Fastify({ loggerInstance, disableRequestLogging: true });
  installRequestLog(app, { enabled, log });
  app.get('/things/:id', async () => ({ ok: true }));
  await app.inject({ method: 'GET', url: '/things/7?token=secret', remoteAddress: '192.0.2.4' });
  await app.close();
  return lines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
}

describe('request logging (GUIXU_LOG_REQUESTS)', () => {
  it('is off at the default level, and on at info when enabled: one line per request, no query string', async () => {
    expect(await logged(false, 'info')).toEqual([]);
    const [entry, ...more] = await logged(true, 'info');
    expect(more).toEqual([]);
    expect(line.parse(entry)).toMatchObject({
      level: 30,
      method: 'GET',
      path: '/things/7',
      status: 200,
      ip: '192.0.2.4',
    });
    expect(JSON.stringify(entry)).not.toContain('secret');
  });

  it('still writes the line at debug when not enabled', async () => {
    expect(await logged(false, 'debug')).toHaveLength(1);
  });
});
