import { createHmac } from 'node:crypto';

/*
 * 钉钉 / DingTalk robot signing, as the platform documents ("自定义机器人安全设置",
 * 加签): string_to_sign = `${timestamp}\n${secret}` (timestamp in milliseconds),
 * sign = base64(HMAC-SHA256(key = secret, string_to_sign)), sent URL-encoded as the
 * `timestamp` and `sign` query parameters. Written with node:crypto: no maintained
 * npm library covers these platform-specific schemes.
 */
export function dingTalkSign(secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

/** The webhook URL with `timestamp` and `sign` added. */
export function signedDingTalkUrl(webhookUrl: string, secret: string, timestamp: number): string {
  const url = new URL(webhookUrl);
  url.searchParams.set('timestamp', String(timestamp));
  url.searchParams.set('sign', dingTalkSign(secret, timestamp));
  return url.toString();
}
