import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { activeWorkflow, chain, node } from './webhook-test-kit.ts';

/**
 * 飞书 / 钉钉 / 企业微信 event callbacks through the server: the platform side
 * (signing and encryption) is written here from the platforms' documentation;
 * each accepted event reaches the next node of the run (an HTTP Request to a
 * local sink), forged ones are refused with 403 and start nothing.
 */
const AES = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const sha1 = (...parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex');

function bizEncrypt(message: string, receiveId: string): string {
  const key = Buffer.from(`${AES}=`, 'base64');
  const msg = Buffer.from(message);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(msg.length);
  const plain = Buffer.concat([randomBytes(16), len, msg, Buffer.from(receiveId)]);
  const pad = 32 - (plain.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([
    cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])),
    cipher.final(),
  ]).toString('base64');
}

function larkEncrypt(json: unknown, encryptKey: string): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', createHash('sha256').update(encryptKey).digest(), iv);
  return Buffer.concat([iv, cipher.update(JSON.stringify(json)), cipher.final()]).toString('base64');
}

describe('platform event callbacks through the server', () => {
  let t: TestApp;
  const sink: unknown[] = [];
  const waiters: (() => void)[] = [];
  const sinkServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      sink.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      for (const wake of waiters.splice(0)) wake();
    });
  });
  const received = async (count: number) => {
    while (sink.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    return sink[count - 1];
  };

  const forward = (url: string) =>
    node('Forward', 'guixu.httpRequest', {
      method: 'POST',
      url,
      sendBody: true,
      specifyBody: 'json',
      jsonBody: '={{ JSON.stringify($json) }}',
    });

  beforeAll(async () => {
    await new Promise<void>((resolve) => sinkServer.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(sinkServer.address() as AddressInfo).port}/`;
    t = await createTestApp('sqlite');
    const credentials = t.ctx.services.get('triggers').credentials;
    credentials.set('lark', 'larkEventApi', { verificationToken: 'v-token', encryptKey: 'lark-key' });
    credentials.set('ding', 'dingTalkCallbackApi', {
      token: 'd-token',
      encodingAesKey: AES,
      receiveId: 'dingapp',
    });
    credentials.set('wecom', 'weComCallbackApi', { token: 'w-token', encodingAesKey: AES, corpId: 'wwcorp' });
    const trigger = (type: string, path: string, slot: string, name: string, httpMethod: unknown) =>
      node('Trigger', type, httpMethod === undefined ? { path } : { path, httpMethod }, {
        credentials: { [slot]: { id: null, name } },
      });
    await activeWorkflow(
      t,
      [trigger('guixu.larkTrigger', 'lark', 'larkEventApi', 'lark', 'POST'), forward(url)],
      chain(['Trigger', 'Forward']),
    );
    await activeWorkflow(
      t,
      [trigger('guixu.dingTalkTrigger', 'ding', 'dingTalkCallbackApi', 'ding', 'POST'), forward(url)],
      chain(['Trigger', 'Forward']),
    );
    await activeWorkflow(
      t,
      // Saved without httpMethod: the trigger's own methods (GET and POST) apply.
      [trigger('guixu.weComTrigger', 'wecom', 'weComCallbackApi', 'wecom', undefined), forward(url)],
      chain(['Trigger', 'Forward']),
    );
  });
  afterAll(async () => {
    await t.dispose();
    await new Promise<void>((resolve) => sinkServer.close(() => resolve()));
  });

  it('Lark: answers the challenge, runs a signed encrypted event, refuses a forged one', async () => {
    const challenge = await t.app.inject({
      method: 'POST',
      url: '/webhook/lark',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({
        encrypt: larkEncrypt({ challenge: 'c-1', token: 'v-token', type: 'url_verification' }, 'lark-key'),
      }),
    });
    expect(challenge.statusCode).toBe(200);
    expect(challenge.json()).toEqual({ challenge: 'c-1' });

    const event = {
      schema: '2.0',
      header: { event_type: 'im.message.receive_v1', token: 'v-token' },
      event: { text: '你好' },
    };
    const rawBody = JSON.stringify({ encrypt: larkEncrypt(event, 'lark-key') });
    const headers = (key: string) => ({
      'content-type': 'application/json',
      'x-lark-request-timestamp': '1700000000',
      'x-lark-request-nonce': 'n1',
      'x-lark-signature': createHash('sha256').update(`1700000000n1${key}${rawBody}`).digest('hex'),
    });
    const forged = await t.app.inject({
      method: 'POST',
      url: '/webhook/lark',
      headers: headers('other'),
      payload: rawBody,
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().message).toContain('X-Lark-Signature does not match');
    const before = sink.length;
    const ok = await t.app.inject({
      method: 'POST',
      url: '/webhook/lark',
      headers: headers('lark-key'),
      payload: rawBody,
    });
    expect(ok.statusCode).toBe(200);
    expect(await received(before + 1)).toEqual(event);
  });

  it('DingTalk: check_url answers an encrypted success, an event runs, a bad signature is 403', async () => {
    const call = (plain: string, token = 'd-token') => {
      const encrypt = bizEncrypt(plain, 'dingapp');
      const q = `signature=${sha1(token, '1700000000000', 'nn', encrypt)}&timestamp=1700000000000&nonce=nn`;
      return t.app.inject({
        method: 'POST',
        url: `/webhook/ding?${q}`,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ encrypt }),
      });
    };
    const check = await call(JSON.stringify({ EventType: 'check_url' }));
    expect(check.statusCode).toBe(200);
    const answer = check.json();
    expect(answer.msg_signature).toBe(sha1('d-token', answer.timeStamp, answer.nonce, answer.encrypt));
    expect((await call('{}', 'wrong')).statusCode).toBe(403);
    const before = sink.length;
    const event = { EventType: 'user_add_org', UserId: ['u1'] };
    expect((await call(JSON.stringify(event))).statusCode).toBe(200);
    expect(await received(before + 1)).toEqual(event);
  });

  it('WeCom: answers the echostr check, runs a message, refuses another corp', async () => {
    const echostr = bizEncrypt('echo-123', 'wwcorp');
    const echo = await t.app.inject({
      method: 'GET',
      url: `/webhook/wecom?msg_signature=${sha1('w-token', '1', '2', echostr)}&timestamp=1&nonce=2&echostr=${encodeURIComponent(echostr)}`,
    });
    expect(echo.statusCode).toBe(200);
    expect(echo.body).toBe('echo-123');
    const post = (corp: string) => {
      const xml =
        '<xml><ToUserName><![CDATA[wwcorp]]></ToUserName><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content></xml>';
      const encrypt = bizEncrypt(xml, corp);
      return t.app.inject({
        method: 'POST',
        url: `/webhook/wecom?msg_signature=${sha1('w-token', '3', '4', encrypt)}&timestamp=3&nonce=4`,
        headers: { 'content-type': 'text/xml' },
        payload: `<xml><ToUserName><![CDATA[wwcorp]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt><AgentID>1</AgentID></xml>`,
      });
    };
    expect((await post('othercorp')).statusCode).toBe(403);
    const before = sink.length;
    const ok = await post('wwcorp');
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('success');
    expect(await received(before + 1)).toMatchObject({
      ToUserName: 'wwcorp',
      MsgType: 'text',
      Content: 'hi',
    });
  });
});
