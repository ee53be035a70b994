/** Bytes to text in a named encoding (any WHATWG label: utf-8, utf-16le, gbk, latin1…). */
export function decodeText(bytes: Uint8Array, encoding = 'utf-8', stripBOM = true): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding.trim() || 'utf-8', { ignoreBOM: !stripBOM });
  } catch {
    throw new Error(`unknown encoding "${encoding}"`);
  }
  return decoder.decode(bytes);
}
