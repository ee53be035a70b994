import { describe, expect, it } from 'vitest';
import { toErrorReply } from './error-handler.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('toErrorReply: the database going away is 503 with Retry-After, not a bug', () => {
  it.each([
    ['refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a write to a closed socket', withCode('write EPIPE', 'EPIPE')],
    ['lost mid-query', new Error('Connection terminated unexpectedly')],
    [
      'a pooled client broken before it noticed',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    ['too many connections', withCode('sorry, too many clients already', '53300')],
    ['one of several addresses', new AggregateError([new Error('x'), withCode('refused', 'ECONNREFUSED')])],
  ])('%s', (_, error) => {
    const reply = toErrorReply(error, 'req-1');
    expect(reply.status).toBe(503);
    expect(reply.retryAfter).toBe(1);
    expect(reply.body.code).toBe('DATABASE_UNAVAILABLE');
  });

  it('anything else is a 500 that names the request, with no detail of the error', () => {
    const reply = toErrorReply(new Error('column "secret" does not exist'), 'req-2');
    expect(reply.status).toBe(500);
    expect(reply.retryAfter).toBeUndefined();
    expect(JSON.stringify(reply.body)).toContain('req-2');
    expect(JSON.stringify(reply.body)).not.toContain('secret');
  });
});
