/**
 * JSON as people type it into n8n: strict JSON first, then n8n's recovery for
 * single quotes, unquoted keys and trailing commas. Mirrors n8n so imported
 * workflows that relied on the leniency keep working.
 */
export type RelaxedJsonResult =
  | { ok: true; value: unknown; recovered: boolean }
  | { ok: false; attempted: string };

export function parseRelaxedJson(text: string): RelaxedJsonResult {
  try {
    return { ok: true, value: JSON.parse(text), recovered: false };
  } catch {
    const attempted = text
      .replace(/'/g, '"')
      .replace(/(['"])?([a-zA-Z0-9_]+)(['"])?:/g, '"$2":')
      .replace(/,\s*([\]}])/g, '$1')
      .replace(/,+$/, '');
    try {
      return { ok: true, value: JSON.parse(attempted), recovered: true };
    } catch {
      return { ok: false, attempted };
    }
  }
}
