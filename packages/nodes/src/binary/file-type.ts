/** Coarse kind of a file for the UI (BinaryRef.fileType), from its mime type. */
export function fileTypeOf(mimeType: string): string | undefined {
  const mime = mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
  const [major] = mime.split('/');
  if (major === 'image' || major === 'audio' || major === 'video') return major;
  if (mime === 'application/json' || mime.endsWith('+json')) return 'json';
  if (mime === 'application/pdf') return 'pdf';
  if (mime === 'text/html' || mime === 'application/xhtml+xml') return 'html';
  if (major === 'text' || mime === 'application/xml' || mime.endsWith('+xml')) return 'text';
  return undefined;
}
