/** Text to bytes in a Node encoding, with a UTF-8 / UTF-16 byte order mark when asked. */
export function encodeText(text: string, encoding: string, bom: boolean): Uint8Array {
  const enc = (Buffer.isEncoding(encoding) ? encoding : 'utf8') as BufferEncoding;
  const body = Buffer.from(text, enc);
  if (!bom) return new Uint8Array(body);
  const mark =
    enc === 'utf16le' || enc === 'ucs2' ? Buffer.from([0xff, 0xfe]) : Buffer.from([0xef, 0xbb, 0xbf]);
  return new Uint8Array(Buffer.concat([mark, body]));
}
