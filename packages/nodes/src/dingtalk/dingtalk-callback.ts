import {
  type BizMsgCryptOptions,
  bizEncrypt,
  msgSignature,
  verifyAndDecrypt,
} from '../shared/biz-msg-crypt.ts';

/*
 * 钉钉 / DingTalk HTTP event callbacks ("事件订阅", 回调加解密): a POST with
 * `signature`, `timestamp`, `nonce` in the query and { "encrypt": … } as the body.
 * The decrypted event is JSON ({ "EventType": "check_url" } for the URL check);
 * every callback is answered with the encrypted text "success".
 */

export interface DingTalkQuery {
  signature?: string;
  msg_signature?: string;
  timestamp?: string;
  nonce?: string;
}

export function dingTalkEvent(options: BizMsgCryptOptions, query: DingTalkQuery, body: unknown) {
  const encrypt =
    typeof body === 'object' && body !== null && 'encrypt' in body && typeof body.encrypt === 'string'
      ? body.encrypt
      : '';
  const text = verifyAndDecrypt(
    options,
    {
      signature: query.msg_signature || query.signature || '',
      timestamp: query.timestamp ?? '',
      nonce: query.nonce ?? '',
    },
    encrypt,
  );
  const event: unknown = JSON.parse(text);
  return event;
}

/** The answer DingTalk expects: "success", encrypted and signed. */
export function dingTalkSuccess(options: BizMsgCryptOptions, timestamp: string, nonce: string) {
  const encrypt = bizEncrypt(options, 'success');
  return {
    msg_signature: msgSignature(options.token, timestamp, nonce, encrypt),
    timeStamp: timestamp,
    nonce,
    encrypt,
  };
}
