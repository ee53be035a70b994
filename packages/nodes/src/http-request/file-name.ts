/** Names a downloaded file: Content-Disposition, else the URL's last segment, else `<property>.<ext>`. */
import { parse } from 'content-disposition';
import { extension } from 'mime-types';

export function extensionFor(mimeType: string): string | undefined {
  return extension(mimeType) || undefined;
}

function parsedFileName(value: string): string | undefined {
  try {
    const name = parse(value).parameters.filename;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The file name a Content-Disposition header carries (`filename*` preferred, RFC 6266),
 * without any directory part; undefined when there is none or the header is malformed.
 * A header that starts directly with its parameters (`filename="a.txt"`) is read too.
 */
export function fileNameFromDisposition(value: string | string[] | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = parsedFileName(value) ?? parsedFileName(`attachment; ${value}`);
  const base = name?.split(/[\\/]/).pop()?.trim();
  return base || undefined;
}

function lastUrlSegment(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
  } catch {
    return '';
  }
}

export function fileNameFor(
  headers: Record<string, string | string[]>,
  url: string,
  mimeType: string,
  property: string,
): string | undefined {
  const fromHeader = fileNameFromDisposition(headers['content-disposition']);
  if (fromHeader) return fromHeader;
  const last = lastUrlSegment(url).split(/[\\/]/).pop() ?? '';
  if (last.includes('.')) return last;
  const ext = extensionFor(mimeType);
  return ext ? `${property || 'data'}.${ext}` : undefined;
}
