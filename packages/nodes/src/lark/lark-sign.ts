import { createHmac } from 'node:crypto';

/*
 * 飞书 / Lark custom bot signing, as the platform documents
 * (open.feishu.cn "自定义机器人使用指南", 签名校验): the HMAC-SHA256 key is
 * `${timestamp}\n${secret}` and the message is empty; sign = base64(digest).
 * The timestamp is in seconds. No maintained npm library covers the bot
 * signing and callback schemes of Lark, DingTalk and WeCom together, so they
 * are written with node:crypto.
 */
export function larkSign(secret: string, timestamp: number): string {
  return createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
}
