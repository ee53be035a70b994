/**
 * In-isolate JavaScript for the few web/Node globals n8n's Code node offers
 * that V8 itself lacks: timers (backed by timers in the sandbox process, all
 * cleared when the run ends) and `btoa` / `atob`. Spliced into RUNTIME_SOURCE;
 * uses its `bridge` and `defineValue`, and defines `fireTimer` for the host.
 */
export const WEB_GLOBALS_SOURCE = String.raw`
const timers = new Map();
let nextTimer = 1;
// An error thrown in a timer callback fails the run (Node would crash), instead of leaving it hanging.
let failRun;
const timerFailure = new Promise((_resolve, reject) => { failRun = reject; });
timerFailure.catch(() => {});
function addTimer(callback, delay, args, repeat) {
  if (typeof callback !== 'function') throw new TypeError('The "callback" argument must be a function');
  // Each timer lives in the sandbox process, outside the isolate's memory limit.
  if (timers.size >= 10000) throw new RangeError('Too many timers: at most 10000 may be pending at once');
  const id = nextTimer++;
  const ms = Math.max(0, Number(delay) || 0);
  timers.set(id, { callback: callback, args: args, repeat: repeat, ms: ms });
  bridge.applySync(undefined, ['timer', id, ms]);
  return id;
}
function clearTimer(id) {
  if (timers.delete(id)) bridge.applySync(undefined, ['clearTimer', id]);
}
function fireTimer(id) {
  const timer = timers.get(id);
  if (!timer) return;
  if (timer.repeat) bridge.applySync(undefined, ['timer', id, timer.ms]);
  else timers.delete(id);
  try {
    timer.callback.apply(undefined, timer.args);
  } catch (error) {
    failRun(error);
  }
}
defineValue('setTimeout', (callback, delay, ...args) => addTimer(callback, delay, args, false));
defineValue('setInterval', (callback, delay, ...args) => addTimer(callback, delay, args, true));
defineValue('setImmediate', (callback, ...args) => addTimer(callback, 0, args, false));
defineValue('clearTimeout', clearTimer);
defineValue('clearInterval', clearTimer);
defineValue('clearImmediate', clearTimer);

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
defineValue('btoa', (input) => {
  const text = String(input);
  let out = '';
  for (let i = 0; i < text.length; i += 3) {
    const a = text.charCodeAt(i);
    const b = text.charCodeAt(i + 1);
    const c = text.charCodeAt(i + 2);
    if (a > 255 || b > 255 || c > 255) throw new Error('Invalid character: btoa() only accepts Latin-1 text');
    out += BASE64[a >> 2] + BASE64[((a & 3) << 4) | (b >> 4 || 0)];
    out += i + 1 < text.length ? BASE64[((b & 15) << 2) | (c >> 6 || 0)] : '=';
    out += i + 2 < text.length ? BASE64[c & 63] : '=';
  }
  return out;
});
defineValue('atob', (input) => {
  const text = String(input).replace(/[\t\n\f\r ]/g, '').replace(/=+$/, '');
  if (text.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(text)) throw new Error('Invalid character: the string is not base64');
  let out = '';
  let bits = 0;
  let value = 0;
  for (const char of text) {
    value = (value << 6) | BASE64.indexOf(char);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += String.fromCharCode((value >> bits) & 255);
    }
  }
  return out;
});
`;
