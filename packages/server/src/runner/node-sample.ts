import type { NodeRunRecord } from '@guixu/core';

const MAX_SAMPLE = 300;

/** The first item of output 0 as short JSON text: enough for a live preview, never a payload. */
export function nodeSample(record: NodeRunRecord): string | undefined {
  const first = record.data?.main[0]?.[0];
  if (!first) return undefined;
  let text: string;
  try {
    text = JSON.stringify(first.json) ?? '';
  } catch {
    return undefined;
  }
  return text.length > MAX_SAMPLE ? `${text.slice(0, MAX_SAMPLE - 1)}…` : text;
}
