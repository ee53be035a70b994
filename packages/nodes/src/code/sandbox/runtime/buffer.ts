/**
 * `Buffer` from the `buffer` package (the browser port of Node's), taught the
 * `base64url` encoding that n8n snippets use, and `btoa` / `atob` on top of it.
 * Each run gets its own copy (the runtime runs in a fresh context), so user
 * code that patches the prototype changes only its own run.
 */
import { Buffer } from 'buffer';
import { defineValue } from './define-global.ts';

const BASE64URL = /^base64url$/i;
const isBase64Url = (encoding: unknown) => typeof encoding === 'string' && BASE64URL.test(encoding);

function toBase64Url(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The package decodes '-' and '_' as base64 already; only the encoding's name is new. */
function teachBase64Url(): void {
  const from = Buffer.from;
  const byteLength = Buffer.byteLength;
  const isEncoding = Buffer.isEncoding;
  const bufferToString = Buffer.prototype.toString;
  Object.assign(Buffer, {
    from(value: unknown, encodingOrOffset?: unknown, length?: number) {
      const encoding = isBase64Url(encodingOrOffset) ? 'base64' : encodingOrOffset;
      return Reflect.apply(from, Buffer, [value, encoding, length]);
    },
    byteLength(value: unknown, encoding?: unknown) {
      return Reflect.apply(byteLength, Buffer, [value, isBase64Url(encoding) ? 'base64' : encoding]);
    },
    isEncoding(encoding: unknown) {
      return isBase64Url(encoding) || Reflect.apply(isEncoding, Buffer, [encoding]);
    },
  });
  Buffer.prototype.toString = function (this: Buffer, encoding?: string, start?: number, end?: number) {
    if (isBase64Url(encoding))
      return toBase64Url(Reflect.apply(bufferToString, this, ['base64', start, end]));
    return Reflect.apply(bufferToString, this, [encoding, start, end]);
  };
}

function btoa(input: unknown): string {
  const text = String(input);
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 255) throw new Error('Invalid character: btoa() only accepts Latin-1 text');
  }
  return Buffer.from(text, 'latin1').toString('base64');
}

function atob(input: unknown): string {
  const text = String(input)
    .replace(/[\t\n\f\r ]/g, '')
    .replace(/=+$/, '');
  if (text.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(text)) {
    throw new Error('Invalid character: the string is not base64');
  }
  return Buffer.from(text, 'base64').toString('latin1');
}

export { Buffer };

export function installBuffer(): void {
  teachBase64Url();
  defineValue('Buffer', Buffer);
  defineValue('btoa', btoa);
  defineValue('atob', atob);
}
