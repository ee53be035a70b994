import { describe, expect, it } from 'vitest';
import dingTalkCallback from '../dingtalk-trigger/dingtalk-callback.credentials.ts';
import dingTalkRobot from '../dingtalk/dingtalk-robot.credentials.ts';
import larkBot from '../lark/lark-bot.credentials.ts';
import larkEvent from '../lark-trigger/lark-event.credentials.ts';
import weComBot from '../wecom/wecom-bot.credentials.ts';
import weComCallback from '../wecom-trigger/wecom-callback.credentials.ts';
import { CallbackCryptoError } from './biz-msg-crypt.ts';
import { probeFailed } from './workplace-credential-checks.ts';

const signal = new AbortController().signal;
const NOTHING_SENT = 'Checked the settings; nothing was sent (the only API posts a message).';

/** The test of a credential type, called with data as the server hands it over. */
function tester(type: {
  test?: (data: never, signal: AbortSignal) => Promise<{ ok: boolean; message: string }>;
}) {
  const test = type.test;
  if (!test) throw new Error('no test');
  // The server passes stored data (fields it validated); the test reads it itself.
  return (data: Record<string, unknown>) => test(data as never, signal);
}

const LARK_HOOK = 'https://open.feishu.cn/open-apis/bot/v2/hook/0c8e1f7a-5b1d-4c2e-9f3a-6d7b8c9d0e1f';
const DING_TOKEN = '4f5a9c1e3b7d2a6f8e0c4b9d1a3f5e7c9b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a';
const DING_HOOK = `https://oapi.dingtalk.com/robot/send?access_token=${DING_TOKEN}`;
const DING_SECRET = 'SEC1b2c3d4e5f60718293a4b5c6d7e8f90123456789abcdef0123456789abcdef01';
const WECOM_HOOK =
  'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7a0c-4bc4-97a0-0ec2b1fa5aaa';
const AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';

describe('all six workplace credentials', () => {
  it('have a test (the server lists them as testable, so the editor shows "Test")', () => {
    for (const type of [larkBot, dingTalkRobot, weComBot, larkEvent, dingTalkCallback, weComCallback]) {
      expect(type.test, type.name).toBeTypeOf('function');
      expect(type.description, type.name).not.toContain('No connection test');
    }
  });
});

describe('Lark custom bot test', () => {
  const test = tester(larkBot);

  it('accepts a v2 hook on either Lark host, with or without a signing secret, and sends nothing', async () => {
    const signed = await test({ webhookUrl: LARK_HOOK, secret: 'Jr8AsC6NJe0OuqvYYy2vBd' });
    expect(signed).toEqual({
      ok: true,
      message: `${NOTHING_SENT} The Webhook URL is a custom-bot hook; each message is signed with the Signing Secret (timestamp + sign).`,
    });
    const larksuite = await test({ webhookUrl: LARK_HOOK.replace('open.feishu.cn', 'open.larksuite.com') });
    expect(larksuite.ok).toBe(true);
    expect(larksuite.message).toContain('no Signing Secret is set, so messages go unsigned');
    expect(larksuite.message).not.toContain('Warning');
  });

  it('accepts a relay on another host, http included, with a warning', async () => {
    const relay = await test({ webhookUrl: 'http://relay.corp.example:8080/lark/team-a' });
    expect(relay.ok).toBe(true);
    expect(relay.message).toContain(NOTHING_SENT);
    expect(relay.message).toContain(
      "Warning: the Webhook URL's host relay.corp.example is not Lark's (open.feishu.cn or open.larksuite.com)",
    );
    expect(relay.message).toContain('it uses http://, so the hook id and every message travel unencrypted');
  });

  it('refuses each malformed setting, naming the field and never quoting the secret', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ webhookUrl: '' }, 'field "webhookUrl" (Webhook URL) is required'],
      [{ webhookUrl: 'open.feishu.cn/open-apis/bot/v2/hook/x' }, '"Webhook URL" is not a URL'],
      [
        { webhookUrl: 'ftp://open.feishu.cn/x' },
        '"Webhook URL" must start with https:// (it starts with ftp://)',
      ],
      [
        { webhookUrl: LARK_HOOK.replace('https:', 'http:') },
        '"Webhook URL" must start with https://: over http',
      ],
      [
        { webhookUrl: 'https://open.feishu.cn/open-apis/bot/hook/abc' },
        '"Webhook URL" is not a custom-bot hook (/open-apis/bot/v2/hook/<id>)',
      ],
      [{ webhookUrl: 'https://open.feishu.cn/open-apis/bot/v2/hook/' }, '"Webhook URL" has an empty hook id'],
      [
        { webhookUrl: 'https://open.feishu.cn/open-apis/bot/v2/hook/…' },
        '"Webhook URL" still holds the placeholder "…" as its hook id',
      ],
      [
        { webhookUrl: LARK_HOOK, secret: ' Jr8AsC6NJe0OuqvYYy2vBd' },
        '"Signing Secret" starts or ends with a space',
      ],
      [{ webhookUrl: LARK_HOOK, secret: '   ' }, '"Signing Secret" is empty'],
    ];
    for (const [data, message] of cases) {
      const result = await test(data);
      expect(result.ok, message).toBe(false);
      expect(result.message).toContain(message);
      expect(result.message).not.toContain('0c8e1f7a');
      expect(result.message).not.toContain('Jr8AsC6');
    }
  });
});

describe('DingTalk robot test', () => {
  const test = tester(dingTalkRobot);

  it('accepts a robot URL with its access_token and a SEC… secret, and sends nothing', async () => {
    expect(await test({ webhookUrl: DING_HOOK, secret: DING_SECRET })).toEqual({
      ok: true,
      message: `${NOTHING_SENT} The Webhook URL is a robot URL with its access_token; the Signing Secret has the 加签 form (SEC…), so each message is signed (timestamp + sign).`,
    });
    const unsigned = await test({ webhookUrl: DING_HOOK });
    expect(unsigned.ok).toBe(true);
    expect(unsigned.message).toContain('no Signing Secret is set, so messages go unsigned');
  });

  it('accepts a relay on another host with a warning, still checking the secret', async () => {
    const relay = await test({ webhookUrl: 'https://proxy.example.org/dingtalk/ops', secret: DING_SECRET });
    expect(relay.ok).toBe(true);
    expect(relay.message).toContain(
      "Warning: the Webhook URL's host proxy.example.org is not DingTalk's (oapi.dingtalk.com); the node posts to it as given",
    );
    expect(relay.message).not.toContain('http://');
    const badSecret = await test({ webhookUrl: 'https://proxy.example.org/dingtalk/ops', secret: 'abc' });
    expect(badSecret).toMatchObject({ ok: false, message: expect.stringContaining('must start with SEC') });
  });

  it('refuses each malformed setting, naming the field and never quoting the secret', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        { webhookUrl: 'not a url' },
        '"Webhook URL" is not a URL; DingTalk gives it as https://oapi.dingtalk.com/robot/send?access_token=…',
      ],
      [
        { webhookUrl: DING_HOOK.replace('https:', 'http:') },
        'over http the access_token and every message would travel unencrypted',
      ],
      [
        { webhookUrl: `https://oapi.dingtalk.com/robot/sendx?access_token=${DING_TOKEN}` },
        '"Webhook URL" is not a robot URL (/robot/send)',
      ],
      [
        { webhookUrl: 'https://oapi.dingtalk.com/robot/send' },
        '"Webhook URL" has no access_token=… in its query',
      ],
      [
        { webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=' },
        '"Webhook URL" has an empty access_token',
      ],
      [
        { webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=…' },
        'still holds the placeholder "…" as its access_token',
      ],
      [{ webhookUrl: DING_HOOK, secret: DING_TOKEN }, '"Signing Secret" holds the access_token'],
      [{ webhookUrl: DING_HOOK, secret: DING_SECRET.slice(3) }, '"Signing Secret" must start with SEC'],
      [
        { webhookUrl: DING_HOOK, secret: `${DING_SECRET}\n` },
        '"Signing Secret" starts or ends with a space or line break',
      ],
    ];
    for (const [data, message] of cases) {
      const result = await test(data);
      expect(result.ok, message).toBe(false);
      expect(result.message).toContain(message);
      expect(result.message).not.toContain(DING_TOKEN.slice(0, 12));
      expect(result.message).not.toContain(DING_SECRET.slice(3, 15));
    }
  });
});

describe('WeCom group robot test', () => {
  const test = tester(weComBot);

  it('accepts a group-robot URL with its key, and sends nothing', async () => {
    expect(await test({ webhookUrl: WECOM_HOOK })).toEqual({
      ok: true,
      message: `${NOTHING_SENT} The Webhook URL is a group-robot URL with its key.`,
    });
  });

  it('accepts a relay on another host with a warning', async () => {
    const relay = await test({ webhookUrl: 'http://10.0.0.5/wecom?key=abc' });
    expect(relay.ok).toBe(true);
    expect(relay.message).toContain(`${NOTHING_SENT} The Webhook URL parses. Warning:`);
    expect(relay.message).toContain("host 10.0.0.5 is not WeCom's (qyapi.weixin.qq.com)");
    expect(relay.message).toContain('it uses http://, so the key and every message travel unencrypted.');
  });

  it('refuses each malformed setting, naming the field and never quoting the key', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'field "webhookUrl" (Webhook URL) is required'],
      [
        { webhookUrl: WECOM_HOOK.replace('https:', 'http:') },
        'over http the key and every message would travel',
      ],
      [
        { webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/message/send?key=693a91f6' },
        '"Webhook URL" is not a group-robot URL (/cgi-bin/webhook/send)',
      ],
      [
        { webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send' },
        '"Webhook URL" has no key=… in its query',
      ],
      [
        { webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=%20' },
        '"Webhook URL" has an empty key',
      ],
      [
        { webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...' },
        'the placeholder "…" as its key',
      ],
    ];
    for (const [data, message] of cases) {
      const result = await test(data);
      expect(result.ok, message).toBe(false);
      expect(result.message).toContain(message);
      expect(result.message).not.toContain('693a91f6');
    }
  });
});

/** The refusals an EncodingAESKey / aes_key field gets, by its label. */
const aesKeyCases = (label: string): [string, string][] => [
  [`${AES_KEY}=`, `"${label}" must be 43 characters; it has 44 (leave out the trailing "=")`],
  [` ${AES_KEY}`, `"${label}" must be 43 characters; it has 44 (remove the spaces around it)`],
  [AES_KEY.slice(0, 40), `"${label}" must be 43 characters; it has 40`],
  [`${AES_KEY.slice(0, 42)}-`, `"${label}" may hold only letters, digits, "+" and "/" (base64)`],
  [`${AES_KEY.slice(0, 20)} ${AES_KEY.slice(21)}`, `"${label}" may hold only letters, digits`],
];

describe('WeCom callback test', () => {
  const test = tester(weComCallback);
  const good = { token: 'QDG6eK', encodingAesKey: AES_KEY, corpId: 'wx5823bf96d3bd56c7' };

  it('runs a probe through the trigger’s own signing and decryption, contacting nothing', async () => {
    const result = await test(good);
    expect(result.ok).toBe(true);
    expect(result.message).toMatch(
      /^Checked the settings; nothing was contacted \(WeCom calls the server\)\./,
    );
    expect(result.message).toContain('decodes to a 32-byte AES key');
    expect(result.message).toContain(
      "passed the trigger's own signature check and decryption, CorpID included",
    );
  });

  it('refuses each malformed field by name', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, token: '' }, 'field "token" (Token) is required'],
      [{ ...good, token: '  ' }, '"Token" is empty'],
      [{ ...good, token: 'QDG6eK ' }, '"Token" starts or ends with a space'],
      [{ ...good, encodingAesKey: '' }, 'field "encodingAesKey" (EncodingAESKey) is required'],
      ...aesKeyCases('EncodingAESKey').map(([key, message]): [Record<string, unknown>, string] => [
        { ...good, encodingAesKey: key },
        message,
      ]),
      [{ ...good, corpId: '' }, 'field "corpId" (CorpID) is required'],
      [{ ...good, corpId: 'wx5823bf96d3bd56c7\n' }, '"CorpID" starts or ends with a space or line break'],
      // A CorpID that does not survive UTF-8 comes back as another receiver: the trigger's own check says so.
      [
        { ...good, corpId: 'ww\uD800' },
        '"CorpID": The trigger refused a probe callback made with these settings: The callback is for',
      ],
    ];
    for (const [data, message] of cases) {
      const result = await test(data);
      expect(result.ok, message).toBe(false);
      expect(result.message).toContain(message);
      expect(result.message).not.toContain(AES_KEY.slice(0, 20));
    }
  });
});

describe('DingTalk callback test', () => {
  const test = tester(dingTalkCallback);
  const good = { token: '123456', encodingAesKey: AES_KEY, receiveId: 'dingxxxxxxxxxxxx' };

  it('runs a check_url probe and the "success" answer through the trigger’s own code', async () => {
    const result = await test(good);
    expect(result.ok).toBe(true);
    expect(result.message).toMatch(
      /^Checked the settings; nothing was contacted \(DingTalk calls the server\)\./,
    );
    expect(result.message).toContain('receiver included, and so did its encrypted "success" answer');
  });

  it('refuses each malformed field by name', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, token: '' }, 'field "token" (Token) is required'],
      [{ ...good, token: '\t' }, '"Token" is empty'],
      ...aesKeyCases('aes_key').map(([key, message]): [Record<string, unknown>, string] => [
        { ...good, encodingAesKey: key },
        message,
      ]),
      [{ ...good, receiveId: '' }, 'field "receiveId" (AppKey / CorpId) is required'],
      [{ ...good, receiveId: ' dingxxxxxxxxxxxx' }, '"AppKey / CorpId" starts or ends with a space'],
      [{ ...good, receiveId: 'ding\uDC00' }, '"AppKey / CorpId": The trigger refused a probe callback'],
    ];
    for (const [data, message] of cases) {
      const result = await test(data);
      expect(result.ok, message).toBe(false);
      expect(result.message).toContain(message);
    }
  });
});

describe('Lark event subscription test', () => {
  const test = tester(larkEvent);

  it('opens an encrypted, signed probe event with the trigger’s own code', async () => {
    const result = await test({ verificationToken: 'v-token-1234', encryptKey: 'lark-encrypt-key' });
    expect(result).toEqual({
      ok: true,
      message:
        "Checked the settings; nothing was contacted (Lark calls the server): a probe event encrypted with the Encrypt Key, signed (X-Lark-Signature) and carrying the Verification Token passed the trigger's own checks.",
    });
  });

  it('without an Encrypt Key, says events must come unencrypted and unsigned', async () => {
    const result = await test({ verificationToken: 'v-token-1234' });
    expect(result.ok).toBe(true);
    expect(result.message).toContain('No Encrypt Key is set: Lark must send events unencrypted');
  });

  it('refuses each malformed field by name', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ verificationToken: '' }, 'field "verificationToken" (Verification Token) is required'],
      [{ verificationToken: ' ' }, '"Verification Token" is empty'],
      [{ verificationToken: 'v-token ' }, '"Verification Token" starts or ends with a space'],
      [{ verificationToken: 'v-token', encryptKey: ' key' }, '"Encrypt Key" starts or ends with a space'],
      [{ verificationToken: 'v-token', encryptKey: '\n' }, '"Encrypt Key" is empty'],
      [
        { verificationToken: 'same', encryptKey: 'same' },
        '"Encrypt Key" is the same as "Verification Token"',
      ],
    ];
    for (const [data, message] of cases) {
      const result = await test(data);
      expect(result.ok, message).toBe(false);
      expect(result.message).toContain(message);
    }
  });
});

describe('a probe the trigger refuses', () => {
  it('names the field behind the refusal, or lets the trigger’s message name it', () => {
    const labels = { CALLBACK_DECRYPT_FAILED: 'Encrypt Key' };
    expect(probeFailed(new CallbackCryptoError('CALLBACK_DECRYPT_FAILED', 'cannot decrypt'), labels)).toEqual(
      {
        ok: false,
        message:
          '"Encrypt Key": The trigger refused a probe callback made with these settings: cannot decrypt',
      },
    );
    const signature = new CallbackCryptoError(
      'CALLBACK_SIGNATURE_INVALID',
      'The X-Lark-Signature does not match',
    );
    expect(probeFailed(signature, labels).message).toBe(
      'The trigger refused a probe callback made with these settings: The X-Lark-Signature does not match',
    );
    expect(probeFailed(new SyntaxError('Unexpected token'), labels).message).toBe(
      'The trigger could not open a probe callback made with these settings: Unexpected token',
    );
  });
});
