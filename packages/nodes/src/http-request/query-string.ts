/**
 * Query and form encoding the way n8n's `qs` usage does it: nested objects as
 * `a[b]=1`, arrays as `a[]=1` (brackets), `a[0]=1` (indices) or `a=1&a=2`
 * (repeat); `undefined` is skipped, `null` becomes an empty value.
 */
export type ArrayFormat = 'brackets' | 'indices' | 'repeat';

export function encodeQuery(params: Record<string, unknown>, arrayFormat: ArrayFormat): string {
  const pairs: string[] = [];
  const add = (key: string, value: unknown): void => {
    if (value === undefined) return;
    if (Array.isArray(value)) {
      value.forEach((entry, i) => {
        const name = arrayFormat === 'repeat' ? key : arrayFormat === 'indices' ? `${key}[${i}]` : `${key}[]`;
        add(isPlainObject(entry) && arrayFormat !== 'indices' ? `${key}[${i}]` : name, entry);
      });
      return;
    }
    if (isPlainObject(value)) {
      for (const [k, v] of Object.entries(value)) add(`${key}[${k}]`, v);
      return;
    }
    pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(scalar(value))}`);
  };
  for (const [key, value] of Object.entries(params)) add(key, value);
  return pairs.join('&');
}

/** Appends encoded parameters to a URL that may already have a query. */
export function withQuery(url: string, params: Record<string, unknown>, arrayFormat: ArrayFormat): string {
  const query = encodeQuery(params, arrayFormat);
  if (!query) return url;
  const hash = url.indexOf('#');
  const base = hash < 0 ? url : url.slice(0, hash);
  const separator = base.includes('?') ? (base.endsWith('?') || base.endsWith('&') ? '' : '&') : '?';
  return `${base}${separator}${query}`;
}

function scalar(value: unknown): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Adds a value under `name`; a repeated name collects its values in an array (n8n ≥ 4.3). */
export function addRepeated(target: Record<string, unknown>, name: string, value: unknown): void {
  const existing = target[name];
  if (!Object.hasOwn(target, name)) target[name] = value;
  else if (Array.isArray(existing)) existing.push(value);
  else target[name] = [existing, value];
}
