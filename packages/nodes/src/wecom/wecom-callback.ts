import {
  type BizMsgCryptOptions,
  bizEncrypt,
  msgSignature,
  verifyAndDecrypt,
} from '../shared/biz-msg-crypt.ts';

/*
 * 企业微信 / WeCom callbacks ("接收消息与事件"): the URL check is a GET with
 * msg_signature, timestamp, nonce and echostr, answered with the decrypted echostr;
 * events are POSTs whose XML body carries <Encrypt>, signed in the query.
 */

export interface WeComQuery {
  msg_signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
}

const param = (query: WeComQuery) => ({
  signature: query.msg_signature ?? '',
  timestamp: query.timestamp ?? '',
  nonce: query.nonce ?? '',
});

/** GET URL verification: the plaintext to answer with. */
export function weComEcho(options: BizMsgCryptOptions, query: WeComQuery): string {
  return verifyAndDecrypt(options, param(query), query.echostr ?? '');
}

/** The text of one XML element (CDATA or plain). */
export function xmlField(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`).exec(xml);
  return match ? (match[1] ?? match[2] ?? '') : undefined;
}

/** The flat fields of a WeCom message (<xml><ToUserName>…</ToUserName>…</xml>). */
export function xmlFields(xml: string): Record<string, string> {
  const out: Record<string, string> = {};
  const pattern = /<([A-Za-z_][\w]*)>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/\1>/g;
  for (const m of xml.matchAll(pattern)) if (m[1] && m[1] !== 'xml') out[m[1]] = m[2] ?? m[3] ?? '';
  return out;
}

/** POST event: the decrypted message XML and its fields. */
export function weComEvent(options: BizMsgCryptOptions, query: WeComQuery, body: string) {
  const encrypt = xmlField(body, 'Encrypt') ?? '';
  const xml = verifyAndDecrypt(options, param(query), encrypt);
  return { xml, fields: xmlFields(xml) };
}

/** An encrypted passive reply, as WeCom expects it. */
export function weComReply(options: BizMsgCryptOptions, xml: string, timestamp: string, nonce: string) {
  const encrypt = bizEncrypt(options, xml);
  const signature = msgSignature(options.token, timestamp, nonce, encrypt);
  return `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt><MsgSignature><![CDATA[${signature}]]></MsgSignature><TimeStamp>${timestamp}</TimeStamp><Nonce><![CDATA[${nonce}]]></Nonce></xml>`;
}
