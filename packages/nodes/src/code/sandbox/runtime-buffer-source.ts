/**
 * In-isolate `Buffer` (the part n8n Code snippets use: from / toString with
 * utf8, base64, base64url, hex, latin1; alloc, concat, byteLength, isBuffer)
 * and a `crypto` module (randomUUID, randomBytes, createHash, createHmac) whose
 * digests and random bytes come from the sandbox process through the bridge.
 * `require` serves only that module: no host module is ever reachable.
 * Spliced into RUNTIME_SOURCE after WEB_GLOBALS_SOURCE (uses btoa / atob).
 */
export const BUFFER_SOURCE = String.raw`
function utf8Encode(text) {
  const out = [];
  for (const char of text) {
    let cp = char.codePointAt(0);
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}
function utf8Decode(bytes) {
  const units = [];
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    let cp = 0xfffd;
    let size = 1;
    if (b < 0x80) cp = b;
    else if (b >= 0xc2 && b < 0xe0 && (bytes[i + 1] & 0xc0) === 0x80) {
      cp = ((b & 31) << 6) | (bytes[i + 1] & 63);
      size = 2;
    } else if (b >= 0xe0 && b < 0xf0 && (bytes[i + 1] & 0xc0) === 0x80 && (bytes[i + 2] & 0xc0) === 0x80) {
      cp = ((b & 15) << 12) | ((bytes[i + 1] & 63) << 6) | (bytes[i + 2] & 63);
      size = 3;
      if (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff)) cp = 0xfffd;
    } else if (b >= 0xf0 && b < 0xf5 && (bytes[i + 1] & 0xc0) === 0x80 && (bytes[i + 2] & 0xc0) === 0x80 && (bytes[i + 3] & 0xc0) === 0x80) {
      cp = ((b & 7) << 18) | ((bytes[i + 1] & 63) << 12) | ((bytes[i + 2] & 63) << 6) | (bytes[i + 3] & 63);
      size = 4;
      if (cp < 0x10000 || cp > 0x10ffff) cp = 0xfffd;
    }
    i += size;
    if (cp > 0xffff) {
      cp -= 0x10000;
      units.push(0xd800 | (cp >> 10), 0xdc00 | (cp & 1023));
    } else units.push(cp);
    if (units.length > 8192) out += String.fromCharCode.apply(null, units.splice(0));
  }
  return out + String.fromCharCode.apply(null, units);
}
function latin1(bytes) {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
  return out;
}
function normalEncoding(encoding) {
  const name = encoding === undefined || encoding === null ? 'utf8' : String(encoding).toLowerCase();
  if (name === 'utf-8') return 'utf8';
  if (name === 'binary') return 'latin1';
  if (['utf8', 'base64', 'base64url', 'hex', 'latin1', 'ascii'].includes(name)) return name;
  throw new TypeError('Unknown encoding: ' + encoding);
}
function encodeString(text, encoding) {
  switch (normalEncoding(encoding)) {
    case 'utf8': return utf8Encode(text);
    case 'base64':
    case 'base64url': {
      const clean = text.replace(/-/g, '+').replace(/_/g, '/').replace(/[^A-Za-z0-9+/]/g, '');
      const padded = clean.length % 4 === 1 ? clean.slice(0, -1) : clean;
      const raw = atob(padded);
      const out = new Array(raw.length);
      for (let i = 0; i < raw.length; i++) out[i] = raw.charCodeAt(i);
      return out;
    }
    case 'hex': {
      const out = [];
      for (let i = 0; i + 1 < text.length; i += 2) {
        const byte = parseInt(text.substr(i, 2), 16);
        if (Number.isNaN(byte)) break;
        out.push(byte);
      }
      return out;
    }
    default: {
      const out = new Array(text.length);
      for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 255;
      return out;
    }
  }
}
class Buffer extends Uint8Array {
  static from(value, encodingOrOffset, length) {
    if (typeof value === 'string') return Buffer.fromArray(encodeString(value, encodingOrOffset));
    if (value instanceof ArrayBuffer) {
      const offset = Number(encodingOrOffset) || 0;
      return new Buffer(value, offset, length === undefined ? value.byteLength - offset : length);
    }
    if (ArrayBuffer.isView(value) || Array.isArray(value)) return Buffer.fromArray(value);
    if (value && value.type === 'Buffer' && Array.isArray(value.data)) return Buffer.fromArray(value.data);
    throw new TypeError('The first argument must be a string, Buffer, ArrayBuffer, or Array');
  }
  static fromArray(values) {
    const buffer = new Buffer(values.length);
    for (let i = 0; i < values.length; i++) buffer[i] = values[i] & 255;
    return buffer;
  }
  static alloc(size, fill) {
    const buffer = new Buffer(size);
    if (fill !== undefined) buffer.fill(typeof fill === 'string' ? fill.charCodeAt(0) : fill);
    return buffer;
  }
  static isBuffer(value) {
    return value instanceof Buffer;
  }
  static byteLength(value, encoding) {
    return typeof value === 'string' ? encodeString(value, encoding).length : value.byteLength;
  }
  static concat(list, totalLength) {
    const total = totalLength === undefined ? list.reduce((sum, b) => sum + b.length, 0) : totalLength;
    const out = new Buffer(total);
    let offset = 0;
    for (const part of list) {
      if (offset >= total) break;
      out.set(part.subarray(0, total - offset), offset);
      offset += part.length;
    }
    return out;
  }
  toString(encoding, start, end) {
    const bytes = this.subarray(start || 0, end === undefined ? this.length : end);
    switch (normalEncoding(encoding)) {
      case 'utf8': return utf8Decode(bytes);
      case 'base64': return btoa(latin1(bytes));
      case 'base64url': return btoa(latin1(bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      case 'hex': return Array.prototype.map.call(bytes, (b) => (b < 16 ? '0' : '') + b.toString(16)).join('');
      case 'ascii': return latin1(bytes.map((b) => b & 127));
      default: return latin1(bytes);
    }
  }
  toJSON() {
    return { type: 'Buffer', data: Array.from(this) };
  }
  equals(other) {
    return other.length === this.length && this.every((b, i) => b === other[i]);
  }
  slice(start, end) {
    return this.subarray(start, end);
  }
}
defineValue('Buffer', Buffer);

function randomBuffer(size) {
  const n = Number(size);
  if (!Number.isInteger(n) || n < 0 || n > 65536) throw new RangeError('The "size" argument must be an integer from 0 to 65536');
  return Buffer.from(bridge.applySync(undefined, ['randomBytes', n]), 'base64');
}
function randomUUID() {
  const b = randomBuffer(16);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
}
function getRandomValues(array) {
  if (!ArrayBuffer.isView(array)) throw new TypeError('getRandomValues needs a typed array');
  new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(randomBuffer(array.byteLength));
  return array;
}
function digester(kind, algorithm, key) {
  const chunks = [];
  const api = {
    update(data, encoding) {
      chunks.push(typeof data === 'string' ? Buffer.from(data, encoding) : Buffer.from(data));
      return api;
    },
    digest(encoding) {
      const data = Buffer.concat(chunks).toString('base64');
      const keyText = key === null ? '' : key.toString('base64');
      const out = Buffer.from(bridge.applySync(undefined, ['digest', kind, String(algorithm), keyText, data]), 'base64');
      return encoding === undefined ? out : out.toString(encoding);
    },
  };
  return api;
}
const cryptoModule = Object.freeze({
  randomUUID: randomUUID,
  randomBytes: randomBuffer,
  getRandomValues: getRandomValues,
  randomInt: (min, max) => {
    if (max === undefined) { max = min; min = 0; }
    const span = max - min;
    const value = randomBuffer(6).reduce((acc, b) => acc * 256 + b, 0);
    return min + (value % span);
  },
  createHash: (algorithm) => digester('hash', algorithm, null),
  createHmac: (algorithm, key) => digester('hmac', algorithm, typeof key === 'string' ? Buffer.from(key) : Buffer.from(key)),
});
defineValue('crypto', Object.freeze({ randomUUID: randomUUID, getRandomValues: getRandomValues }));
defineValue('require', (name) => {
  if (name === 'crypto' || name === 'node:crypto') return cryptoModule;
  throw new Error("Cannot find module '" + name + "': the Code node sandbox offers only 'crypto'");
});
`;
