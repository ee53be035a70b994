/**
 * What the isolate needs before Pyodide's scripts run in it: the d8-shell file
 * functions Pyodide's loader uses (`read`, `readbuffer`, `load`; they serve
 * only Pyodide's own files, from memory), `TextEncoder` / `TextDecoder`,
 * `performance.now`, `crypto.getRandomValues`, and a synchronous WebAssembly
 * compile (isolated-vm does not run V8's background compile tasks, so the
 * asynchronous one never finishes). The WebAssembly memory may not grow past
 * the job's memory limit: growing fails and Python raises MemoryError.
 *
 * Run with `evalClosure`: $0 reads a file (ArrayBuffer), $1 reads a text file,
 * $2 gives random bytes, $3 logs, $4 answers a lookup (a promise the isolate
 * waits for), $5 is the memory limit in bytes. The host functions are kept in
 * this closure and never left on `globalThis`.
 */
export const PYTHON_PRELUDE = `
const readFile = $0, readText = $1, randomBytes = $2, log = $3, lookup = $4, memoryLimit = $5;
const define = (name, value) =>
  Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });

class TextEncoder {
  get encoding() { return 'utf-8'; }
  encode(input = '') {
    const s = String(input);
    const out = [];
    for (let i = 0; i < s.length; i++) {
      let c = s.codePointAt(i);
      if (c > 0xffff) i++;
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return new Uint8Array(out);
  }
  encodeInto(input, dest) {
    const bytes = this.encode(input);
    const n = Math.min(bytes.length, dest.length);
    dest.set(bytes.subarray(0, n));
    return { read: String(input).length, written: n };
  }
}
class TextDecoder {
  get encoding() { return 'utf-8'; }
  decode(input) {
    if (!input) return '';
    const b = ArrayBuffer.isView(input)
      ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
      : new Uint8Array(input);
    let text = '';
    const units = [];
    for (let i = 0; i < b.length; ) {
      let c = b[i++];
      if (c >= 0xf0) c = ((c & 7) << 18) | ((b[i++] & 63) << 12) | ((b[i++] & 63) << 6) | (b[i++] & 63);
      else if (c >= 0xe0) c = ((c & 15) << 12) | ((b[i++] & 63) << 6) | (b[i++] & 63);
      else if (c >= 0xc0) c = ((c & 31) << 6) | (b[i++] & 63);
      else if (c >= 0x80) c = 0xfffd;
      if (c > 0xffff) {
        c -= 0x10000;
        units.push(0xd800 + (c >> 10), 0xdc00 + (c & 1023));
      } else units.push(c);
      if (units.length >= 8192) {
        text += String.fromCharCode.apply(null, units);
        units.length = 0;
      }
    }
    return text + String.fromCharCode.apply(null, units);
  }
}
define('TextEncoder', TextEncoder);
define('TextDecoder', TextDecoder);
define('performance', { now: () => Date.now(), timeOrigin: Date.now() });
define('crypto', {
  getRandomValues(view) {
    const bytes = new Uint8Array(randomBytes.applySync(undefined, [view.byteLength]));
    new Uint8Array(view.buffer, view.byteOffset, view.byteLength).set(bytes);
    return view;
  },
});
const out = (level) => (...parts) => log.applySync(undefined, [level, parts.map(String).join(' ')]);
define('console', { log: out('info'), info: out('info'), debug: out('debug'), warn: out('warn'), error: out('error') });
define('setTimeout', (fn) => { Promise.resolve().then(() => fn()); return 0; });
define('clearTimeout', () => {});
define('readbuffer', (path) => readFile.applySync(undefined, [String(path)]));
define('read', (path, kind) =>
  kind === 'binary' ? new Uint8Array(readFile.applySync(undefined, [String(path)])) : readText.applySync(undefined, [String(path)]));
define('load', () => { throw new Error('Loading scripts is not available'); });
define('__guixuLookup', (request) => lookup.applySyncPromise(undefined, [String(request)]));

const W = WebAssembly;
W.instantiate = async (source, imports) => {
  if (source instanceof W.Module) return new W.Instance(source, imports);
  const module = new W.Module(source);
  return { module, instance: new W.Instance(module, imports) };
};
W.compile = async (bytes) => new W.Module(bytes);
delete W.instantiateStreaming;
delete W.compileStreaming;
const grow = W.Memory.prototype.grow;
W.Memory.prototype.grow = function (pages) {
  if (this.buffer.byteLength + pages * 65536 > memoryLimit) throw new RangeError('Python memory limit reached');
  return grow.call(this, pages);
};
`;
