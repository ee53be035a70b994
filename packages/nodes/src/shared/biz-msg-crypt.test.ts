import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dingTalkEvent, dingTalkSuccess } from '../dingtalk/dingtalk-callback.ts';
import { weComEcho, weComEvent, weComReply } from '../wecom/wecom-callback.ts';
import { bizDecrypt, CallbackCryptoError } from './biz-msg-crypt.ts';

/**
 * The platform side (what WeCom / DingTalk servers send), written here from the
 * documentation and independently of the code under test.
 */
const ENCODING_AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
const options = { token: 'QDG6eK', encodingAesKey: ENCODING_AES_KEY, receiveId: 'wx5823bf96d3bd56c7' };

function platformEncrypt(message: string, receiveId = options.receiveId): string {
  const key = Buffer.from(`${ENCODING_AES_KEY}=`, 'base64');
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

const sign = (...parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex');

describe('WeCom callbacks (msg_signature SHA1 + AES-256-CBC EncodingAESKey)', () => {
  it('answers the URL check with the decrypted echostr', () => {
    const echostr = platformEncrypt('1616140317555161061');
    const query = {
      msg_signature: sign(options.token, '1409659589', '263014780', echostr),
      timestamp: '1409659589',
      nonce: '263014780',
      echostr,
    };
    expect(weComEcho(options, query)).toBe('1616140317555161061');
  });

  it('opens an event, and refuses a forged signature or another corp', () => {
    const xml =
      '<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content><MsgId>4561255354251345929</MsgId></xml>';
    const encrypt = platformEncrypt(xml);
    const body = `<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>`;
    const query = {
      msg_signature: sign(options.token, '1411443780', '437374425', encrypt),
      timestamp: '1411443780',
      nonce: '437374425',
    };
    expect(weComEvent(options, query, body).fields).toEqual({
      ToUserName: 'wx5823bf96d3bd56c7',
      MsgType: 'text',
      Content: '你好',
      MsgId: '4561255354251345929',
    });
    expect(() => weComEvent(options, { ...query, msg_signature: '0'.repeat(40) }, body)).toThrow(
      'signature does not match',
    );
    const other = platformEncrypt(xml, 'another-corp');
    const otherBody = body.replace(encrypt, other);
    const otherQuery = { ...query, msg_signature: sign(options.token, query.timestamp, query.nonce, other) };
    expect(() => weComEvent(options, otherQuery, otherBody)).toThrow(
      'not the configured "wx5823bf96d3bd56c7"',
    );
  });

  it('encrypts a passive reply the platform can open', () => {
    const reply = weComReply(options, '<xml><Content>ok</Content></xml>', '1411443780', 'n1');
    const encrypt = /<Encrypt><!\[CDATA\[(.*)\]\]><\/Encrypt>/.exec(reply)?.[1] ?? '';
    expect(reply).toContain(`<MsgSignature><![CDATA[${sign(options.token, '1411443780', 'n1', encrypt)}]]>`);
    expect(bizDecrypt(options, encrypt)).toBe('<xml><Content>ok</Content></xml>');
  });
});

describe('DingTalk callbacks (same scheme, JSON bodies)', () => {
  const ding = { token: 'tok', encodingAesKey: ENCODING_AES_KEY, receiveId: 'wx5823bf96d3bd56c7' };

  it('opens check_url and events, answers an encrypted "success"', () => {
    const encrypt = platformEncrypt(JSON.stringify({ EventType: 'check_url' }));
    const query = {
      signature: sign('tok', '1700000000000', 'abc', encrypt),
      timestamp: '1700000000000',
      nonce: 'abc',
    };
    expect(dingTalkEvent(ding, query, { encrypt })).toEqual({ EventType: 'check_url' });
    const answer = dingTalkSuccess(ding, '1700000000001', 'xyz');
    expect(answer.msg_signature).toBe(sign('tok', '1700000000001', 'xyz', answer.encrypt));
    expect(bizDecrypt(ding, answer.encrypt)).toBe('success');
  });

  it('a wrong token or AES key is a clear error', () => {
    const encrypt = platformEncrypt('{}');
    const query = { signature: sign('other', '1', '2', encrypt), timestamp: '1', nonce: '2' };
    const error = (() => {
      try {
        dingTalkEvent(ding, query, { encrypt });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CallbackCryptoError);
    expect((error as CallbackCryptoError).code).toBe('CALLBACK_SIGNATURE_INVALID');
    const good = { signature: sign('tok', '1', '2', encrypt), timestamp: '1', nonce: '2' };
    const wrongKey = { ...ding, encodingAesKey: 'a'.repeat(43) };
    expect(() => dingTalkEvent(wrongKey, good, { encrypt })).toThrow(CallbackCryptoError);
  });
});
