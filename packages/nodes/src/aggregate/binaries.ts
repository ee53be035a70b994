import type { BinaryRef, Item } from '@guixu/core';

function sameFile(a: BinaryRef, b: BinaryRef): boolean {
  return (
    a.mimeType === b.mimeType &&
    a.fileType === b.fileType &&
    a.fileSize === b.fileSize &&
    a.fileExtension === b.fileExtension
  );
}

/**
 * Collects the binaries of `items` into one map, renaming clashing keys
 * `data`, `data_1`, `data_2`… With `uniqueOnly`, files that look the same
 * (mime type, file type, size and extension, as n8n compares them) are kept once.
 */
export function collectBinaries(
  items: readonly Item[],
  uniqueOnly: boolean,
): Record<string, BinaryRef> | undefined {
  let out: Record<string, BinaryRef> | undefined;
  for (const item of items) {
    if (!item.binary) continue;
    for (const [key, ref] of Object.entries(item.binary)) {
      out ??= {};
      if (uniqueOnly && Object.values(out).some((existing) => sameFile(existing, ref))) continue;
      let name = key;
      for (let suffix = 1; Object.hasOwn(out, name); suffix++) name = `${key}_${suffix}`;
      out[name] = ref;
    }
  }
  return out;
}
