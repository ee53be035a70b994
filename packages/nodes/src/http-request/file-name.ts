/** Names a downloaded file: Content-Disposition, else the URL's last segment, else `<property>.<ext>`. */
const EXTENSIONS: Record<string, string> = {
  'application/json': 'json',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'application/gzip': 'gz',
  'application/xml': 'xml',
  'application/octet-stream': 'bin',
  'text/plain': 'txt',
  'text/html': 'html',
  'text/csv': 'csv',
  'text/xml': 'xml',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'video/mp4': 'mp4',
};

export function extensionFor(mimeType: string): string | undefined {
  return EXTENSIONS[mimeType.toLowerCase()];
}

function fromDisposition(value: string): string | undefined {
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(value)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      return extended.trim();
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(value);
  const name = plain?.[2] ?? plain?.[1];
  return name?.trim() || undefined;
}

function baseName(name: string): string {
  return name.split(/[\\/]/).pop() ?? name;
}

export function fileNameFor(
  headers: Record<string, string | string[]>,
  url: string,
  mimeType: string,
  property: string,
): string | undefined {
  const disposition = headers['content-disposition'];
  const fromHeader = typeof disposition === 'string' ? fromDisposition(disposition) : undefined;
  if (fromHeader) return baseName(fromHeader);
  let last = '';
  try {
    last = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
  } catch {
    last = '';
  }
  if (last.includes('.')) return baseName(last);
  const extension = extensionFor(mimeType);
  return extension ? `${property || 'data'}.${extension}` : undefined;
}
