import { unzipSync } from 'fflate';

/**
 * What a zip archive says it expands to, read from its directory without
 * inflating anything: lets the nodes refuse a zip bomb (or an XLSX that is one)
 * before a library expands it.
 */
export interface ZipListing {
  entries: number;
  expandedBytes: number;
  names: string[];
}

export function zipListing(bytes: Uint8Array): ZipListing {
  let entries = 0;
  let expandedBytes = 0;
  const names: string[] = [];
  unzipSync(bytes, {
    filter(file) {
      entries++;
      if (names.length < 1000) names.push(file.name);
      expandedBytes += file.originalSize;
      return false;
    },
  });
  return { entries, expandedBytes, names };
}

export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
  );
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}
