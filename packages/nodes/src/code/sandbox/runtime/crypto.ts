/**
 * `require('crypto')` (randomUUID, randomBytes, randomInt, createHash,
 * createHmac) and the web `crypto` global. Random bytes and digests come from
 * the sandbox process through the bridge. `require` serves only this module:
 * no host module is ever reachable.
 */
import { Buffer } from './buffer.ts';
import { defineValue } from './define-global.ts';
import { callBridgeForText } from './host.ts';

const MAX_RANDOM_BYTES = 65_536;

function randomBytes(size: unknown): Buffer {
  const n = Number(size);
  if (!Number.isInteger(n) || n < 0 || n > MAX_RANDOM_BYTES) {
    throw new RangeError(`The "size" argument must be an integer from 0 to ${MAX_RANDOM_BYTES}`);
  }
  return Buffer.from(callBridgeForText('randomBytes', n), 'base64');
}

function randomUUID(): string {
  const b = randomBytes(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function getRandomValues<T extends ArrayBufferView>(array: T): T {
  if (!ArrayBuffer.isView(array)) throw new TypeError('getRandomValues needs a typed array');
  new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(randomBytes(array.byteLength));
  return array;
}

function randomInt(min: number, max?: number): number {
  const [low, high] = max === undefined ? [0, min] : [min, max];
  const value = randomBytes(6).reduce((acc, byte) => acc * 256 + byte, 0);
  return low + (value % (high - low));
}

type Data = string | ArrayBufferView | ArrayBuffer | number[];

function encodingOf(encoding: string | undefined): BufferEncoding | undefined {
  if (encoding === undefined || Buffer.isEncoding(encoding)) return encoding;
  throw new TypeError(`Unknown encoding: ${encoding}`);
}

function toBuffer(data: Data, encoding?: string): Buffer {
  if (typeof data === 'string') return Buffer.from(data, encodingOf(encoding));
  if (Array.isArray(data)) return Buffer.from(data);
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  return Buffer.from(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
}

function digester(kind: 'hash' | 'hmac', algorithm: unknown, key: Buffer | null) {
  const chunks: Buffer[] = [];
  const api = {
    update(data: Data, encoding?: string) {
      chunks.push(toBuffer(data, encoding));
      return api;
    },
    digest(encoding?: string): Buffer | string {
      const data = Buffer.concat(chunks).toString('base64');
      const keyText = key === null ? '' : key.toString('base64');
      const out = Buffer.from(callBridgeForText('digest', kind, String(algorithm), keyText, data), 'base64');
      return encoding === undefined ? out : out.toString(encodingOf(encoding));
    },
  };
  return api;
}

const cryptoModule = Object.freeze({
  randomUUID,
  randomBytes,
  getRandomValues,
  randomInt,
  createHash: (algorithm: unknown) => digester('hash', algorithm, null),
  createHmac: (algorithm: unknown, key: Data) => digester('hmac', algorithm, toBuffer(key)),
});

export function installCrypto(): void {
  defineValue('crypto', Object.freeze({ randomUUID, getRandomValues }));
  defineValue('require', (name: unknown) => {
    if (name === 'crypto' || name === 'node:crypto') return cryptoModule;
    throw new Error(`Cannot find module '${String(name)}': the Code node sandbox offers only 'crypto'`);
  });
}
