/** n8n string extension methods (same names and behaviour as n8n's data transformation functions). */
import { DateTime } from 'luxon';
import { LinearRegExp } from '../linear-regexp.ts';
import { ownDeep } from '../owned.ts';
import { digest, HASH_ALGORITHMS } from './hash.ts';
import { numberToDateTime } from './number.ts';
import { type ExtensionTable, extensionError } from './util.ts';

const CURRENCY = /[$€£¥₹₽₩₪₫₴₦₱฿]|\b(?:USD|EUR|GBP)\b/g;
// Patterns run on user text of any length: the ones that backtrack on V8 (quadratic on
// 20,000 quotes or dots) use the linear-time engine, like the patterns users write.
const linear = (pattern: RegExp) => new LinearRegExp(pattern.source, pattern.flags);
const EMAIL = linear(
  /(([^<>()[\]\\.,;:\s@"]+(\.[^<>()[\]\\.,;:\s@"]+)*)|(".+"))@(?<domain>(\[[0-9]{1,3}(\.[0-9]{1,3}){3}])|(([a-zA-Z\-0-9]+\.)+[a-zA-Z]{2,}))/,
);
const HOST = String.raw`((?:(?:[-\w]+\.)+(?:[a-zA-Z]{2,}|xn--[a-zA-Z0-9]+)|localhost|\d{1,3}(?:\.\d{1,3}){3}))`;
const URL_IN_TEXT = new LinearRegExp(
  String.raw`(?:(?:https?|ftp):\/\/)(?:www\.)?${HOST}(?::\d+)?(?:\/[^\s?#]*)?(?:\?[^\s#]*)?#?[^\s]*`,
  'i',
);
const URL_EXACT = new LinearRegExp(
  String.raw`^(?:(?:https?|ftp):\/\/)(?:www\.)?${HOST}(?::\d+)?(?:\/[^\s?#]*)?(?:\?[^\s#]*)?#?[^\s]*$`,
  'i',
);
const DOMAIN = new LinearRegExp(
  String.raw`^(?:www\.)?${HOST}(?::\d+)?(?:\/[^\s?]*)?(?:\?[^\s#]*)?(?:#[^\s]*)?$`,
  'i',
);
const DOMAIN_EXTRACT = linear(
  /^(?:(?:https?|ftp):\/\/)?(?:mailto:)?(?:\/\/)?((?:www\.)?(?:(?:[-\w]+\.)+(?:[a-zA-Z]{2,}|xn--[a-zA-Z0-9]+)|localhost|\d{1,3}(?:\.\d{1,3}){3}))(?::\d+)?(?:\/[^\s?]*)?(?:\?[^\s#]*)?(?:#[^\s]*)?$/i,
);
const SMALL_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'but',
  'by',
  'for',
  'if',
  'in',
  'nor',
  'of',
  'on',
  'or',
  'so',
  'the',
  'to',
  'up',
  'yet',
  'via',
  'vs',
]);

function words(value: string): string[] {
  return value
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function toTitleCase(value: string): string {
  return value.replace(/[\p{L}\p{N}'’]+/gu, (word, offset: number) => {
    const lower = word.toLowerCase();
    if (offset > 0 && SMALL_WORDS.has(lower)) return lower;
    return word.charAt(0).toUpperCase() + word.slice(1);
  });
}

function toSentenceCase(value: string): string {
  let capitalizeNext = true;
  let out = '';
  for (const ch of value) {
    if (/\p{L}/u.test(ch)) {
      out += capitalizeNext ? ch.toLocaleUpperCase() : ch.toLocaleLowerCase();
      capitalizeNext = false;
    } else {
      if (ch === '.' || ch === '!' || ch === '?') capitalizeNext = true;
      out += ch;
    }
  }
  return out;
}

function toBase64(value: string): string {
  const bytes = new TextEncoder().encode(value);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

function fromBase64(value: string): string {
  const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/').replace(/\s/g, ''));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

function toNumber(value: string): number {
  const n = Number(value.replace(CURRENCY, '').trim());
  if (Number.isNaN(n) || value.trim() === '')
    throw extensionError('toNumber', `cannot convert "${value}" to a number`);
  return n;
}

export function stringToDateTime(value: string, format?: unknown): DateTime {
  if (typeof format === 'string' && format) {
    if (format === 'ms' || format === 's' || format === 'us' || format === 'excel') {
      return numberToDateTime(Number(value), format);
    }
    const parsed = DateTime.fromFormat(value, format);
    if (!parsed.isValid)
      throw extensionError('toDateTime', `cannot parse "${value}" with format "${format}"`);
    return parsed;
  }
  for (const parse of [DateTime.fromISO, DateTime.fromHTTP, DateTime.fromRFC2822, DateTime.fromSQL]) {
    const parsed = parse(value, { setZone: true });
    if (parsed.isValid) return parsed;
  }
  if (/^\d+$/.test(value.trim())) return DateTime.fromMillis(Number(value));
  const fallback = new Date(value);
  if (!Number.isNaN(fallback.getTime())) return DateTime.fromJSDate(fallback);
  throw extensionError('toDateTime', `cannot convert "${value}" to a DateTime`);
}

type Replacer = (match: string, ...groups: unknown[]) => string;
const md = (pattern: RegExp, replacement: string | Replacer): [RegExp, string | Replacer] => [
  linear(pattern),
  replacement,
];
/** The first of the six alternatives' groups that matched (`$2` of the original pattern). */
const emphasis: Replacer = (_match, ...groups) =>
  String(groups.slice(0, 6).find((g) => g !== undefined) ?? '');

const MARKDOWN = [
  md(/^([\s\t]*)([*\-+]|\d+\.)\s+/gm, '$1'),
  md(/\n={2,}/g, '\n'),
  md(/~~/g, ''),
  md(/`{3}.*\n/g, ''),
  md(/<[^>]*>/g, ''),
  md(/!\[(.*?)\][[(].*?[\])]/g, ''),
  md(/\[(.*?)\][[(].*?[\])]/g, '$1'),
  md(/^\s*>\s?/gm, ''),
  md(/^#{1,6}\s*([^#]*?)\s*#*$/gm, '$1'),
  // `([*_]{1,3})(\S.*?\S|\S)\1` without the backreference RE2 lacks: one alternative per delimiter.
  md(
    /\*\*\*(\S.*?\S|\S)\*\*\*|\*\*(\S.*?\S|\S)\*\*|\*(\S.*?\S|\S)\*|___(\S.*?\S|\S)___|__(\S.*?\S|\S)__|_(\S.*?\S|\S)_/g,
    emphasis,
  ),
  md(/`(.+?)`/g, '$1'),
  md(/\n{2,}/g, '\n\n'),
];

function removeMarkdown(value: string): string {
  let out = value;
  for (const [pattern, replacement] of MARKDOWN) {
    out =
      typeof replacement === 'string' ? out.replace(pattern, replacement) : out.replace(pattern, replacement);
  }
  return out;
}

const DIACRITICS = /[\u0300-\u036f]/g;
const TAGS = linear(/<[^>]*>?/gm);
const SPECIAL: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  Æ: 'AE',
  ø: 'o',
  Ø: 'O',
  œ: 'oe',
  Œ: 'OE',
  đ: 'd',
  Đ: 'D',
  ł: 'l',
  Ł: 'L',
  þ: 'th',
  Þ: 'TH',
};

function replaceSpecialChars(value: string): string {
  return value
    .normalize('NFD')
    .replace(DIACRITICS, '')
    .replace(/[^ -~\t\n\r]/g, (ch) => SPECIAL[ch] ?? '?');
}

const s = (fn: (value: string, args: unknown[]) => unknown) => fn;

export const stringExtensions: ExtensionTable = {
  isEmpty: s((v) => v === ''),
  isNotEmpty: s((v) => v !== ''),
  isBlank: s((v) => v.trim() === ''),
  isNotBlank: s((v) => v.trim() !== ''),
  length: s((v) => v.length),
  toTitleCase: s((v) => toTitleCase(v)),
  toSentenceCase: s((v) => toSentenceCase(v)),
  toSnakeCase: s((v) => words(v).join('_').toLowerCase()),
  toCamelCase: s((v) =>
    words(v)
      .map((w, i) => (i === 0 ? w.toLowerCase() : w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()))
      .join(''),
  ),
  toKebabCase: s((v) => words(v).join('-').toLowerCase()),
  capitalize: s((v) => v.charAt(0).toUpperCase() + v.slice(1)),
  extractEmail: s((v) => EMAIL.exec(v)?.[0]),
  extractUrl: s((v) => URL_IN_TEXT.exec(v)?.[0]),
  extractDomain: s((v) => {
    if (EMAIL.test(v) && !v.includes(' ')) return EMAIL.exec(v)?.groups?.domain;
    return DOMAIN_EXTRACT.exec(v)?.[1];
  }),
  extractUrlPath: s((v) => {
    try {
      return new URL(v).pathname;
    } catch {
      return undefined;
    }
  }),
  isEmail: s((v) => EMAIL.test(v) && !v.includes(' ')),
  isUrl: s((v) => URL_EXACT.test(v)),
  isDomain: s((v) => DOMAIN.test(v)),
  isNumeric: s(
    (v) => !v.includes(' ') && v !== '' && !Number.isNaN(Number(v)) && !Number.isNaN(Number.parseFloat(v)),
  ),
  toNumber: s((v) => toNumber(v)),
  toInt: s((v, [radix]) => {
    const n = Number.parseInt(v.replace(CURRENCY, ''), radix === undefined ? undefined : Number(radix));
    if (Number.isNaN(n)) throw extensionError('toInt', `cannot convert "${v}" to an integer`);
    return n;
  }),
  toFloat: s((v) => {
    if (v.includes(','))
      throw extensionError('toFloat', 'cannot convert to float, expected . as decimal separator');
    const n = Number.parseFloat(v.replace(CURRENCY, ''));
    if (Number.isNaN(n)) throw extensionError('toFloat', `cannot convert "${v}" to a float`);
    return n;
  }),
  toBoolean: s((v) => {
    const lower = v.trim().toLowerCase();
    return lower.length > 0 && lower !== 'false' && lower !== 'no' && lower !== '0';
  }),
  toDate: s((v) => {
    const date = new Date(Date.parse(v));
    if (Number.isNaN(date.getTime())) throw extensionError('toDate', `cannot convert "${v}" to a date`);
    if (!v.includes(':')) date.setHours(0, 0, 0);
    return date;
  }),
  toDateTime: s((v, [format]) => stringToDateTime(v, format)),
  toJsonString: s((v) => JSON.stringify(v)),
  parseJson: s((v) => {
    try {
      return ownDeep(JSON.parse(v));
    } catch {
      throw extensionError(
        'parseJson',
        v.includes("'") ? "parsing failed, check you're using double quotes" : 'parsing failed',
      );
    }
  }),
  removeTags: s((v) => v.replace(TAGS, '')),
  removeMarkdown: s((v) => removeMarkdown(v)),
  replaceSpecialChars: s((v) => replaceSpecialChars(v)),
  urlEncode: s((v, [whole]) => (whole ? encodeURI(v) : encodeURIComponent(v))),
  urlDecode: s((v, [whole]) => (whole ? decodeURI(v) : decodeURIComponent(v))),
  base64Encode: s((v) => toBase64(v)),
  base64Decode: s((v) => fromBase64(v)),
  hash: s((v, [algorithm = 'md5']) => {
    const name = String(algorithm).toLowerCase();
    if (name === 'base64') return toBase64(v);
    const out = digest(v, name);
    if (out === undefined) {
      throw extensionError(
        'hash',
        `unknown algorithm "${name}" (available: ${HASH_ALGORITHMS.join(', ')}, base64)`,
      );
    }
    return out;
  }),
  quote: s((v, [mark = '"']) => {
    const q = String(mark);
    return `${q}${v.replace(/\\/g, '\\\\').split(q).join(`\\${q}`)}${q}`;
  }),
};
