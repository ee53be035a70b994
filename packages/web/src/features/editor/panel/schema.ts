export interface SchemaField {
  /** Dotted path from `$json`: `customer.address.city`, `tags[0]`. */
  path: string;
  depth: number;
  /** JSON types seen at this path in the sampled items, e.g. `string`, `number | null`. */
  type: string;
  /** The first value seen, as text (objects and arrays are described by their children). */
  example: string;
}

const kind = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'array'
      : typeof value === 'object'
        ? 'object'
        : typeof value;

/**
 * The fields the items hold (n8n's schema view): every path in the first
 * `sample` items with the types seen there and a first value, nested objects
 * and the first element of arrays included, `maxDepth` levels deep.
 */
export function schemaOf(
  items: readonly { json: Record<string, unknown> }[],
  options: { sample?: number; maxDepth?: number; maxFields?: number } = {},
): SchemaField[] {
  const { sample = 50, maxDepth = 4, maxFields = 500 } = options;
  const fields = new Map<string, { depth: number; types: Set<string>; example: string }>();
  const visit = (value: unknown, path: string, depth: number) => {
    if (fields.size >= maxFields && !fields.has(path)) return;
    let field = fields.get(path);
    if (!field) {
      const example =
        typeof value === 'string'
          ? value
          : kind(value) === 'object' || kind(value) === 'array'
            ? ''
            : String(value);
      field = {
        depth,
        types: new Set(),
        example: example.length > 80 ? `${example.slice(0, 79)}…` : example,
      };
      fields.set(path, field);
    }
    field.types.add(kind(value));
    if (depth >= maxDepth) return;
    if (Array.isArray(value)) {
      if (value.length > 0) visit(value[0], `${path}[0]`, depth + 1);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value))
        visit(child, path ? `${path}.${key}` : key, depth + 1);
    }
  };
  for (const item of items.slice(0, sample)) {
    for (const [key, value] of Object.entries(item.json)) visit(value, key, 0);
  }
  return [...fields.entries()].map(([path, f]) => ({
    path,
    depth: f.depth,
    type: [...f.types].join(' | '),
    example: f.example,
  }));
}

/** Binary attachments of the items, one row each (file name, type, size) for the preview list. */
export interface BinaryEntry {
  item: number;
  key: string;
  mimeType: string;
  fileName?: string;
  fileSize?: number;
}

export function binaryEntries(
  items: readonly { binary?: Record<string, unknown> }[],
  limit = 200,
): BinaryEntry[] {
  const out: BinaryEntry[] = [];
  items.forEach((item, index) => {
    for (const [key, ref] of Object.entries(item.binary ?? {})) {
      if (out.length >= limit || typeof ref !== 'object' || ref === null) continue;
      const r = ref as Record<string, unknown>;
      out.push({
        item: index,
        key,
        mimeType: typeof r.mimeType === 'string' ? r.mimeType : 'application/octet-stream',
        ...(typeof r.fileName === 'string' ? { fileName: r.fileName } : {}),
        ...(typeof r.fileSize === 'number' ? { fileSize: r.fileSize } : {}),
      });
    }
  });
  return out;
}

/** Kinds of file the panel previews inline (an image tag, or text fetched and shown as text). */
export function previewKind(mimeType: string): 'image' | 'text' | null {
  // SVG is a document that can hold scripts: it is downloaded, not shown.
  if (/^image\/(png|jpe?g|gif|webp|avif|bmp)$/.test(mimeType)) return 'image';
  if (/^text\/|^application\/(json|xml|csv)/.test(mimeType)) return 'text';
  return null;
}

export function formatSize(bytes: number | undefined): string {
  if (bytes === undefined) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
