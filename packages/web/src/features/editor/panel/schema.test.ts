import { describe, expect, it } from 'vitest';
import { binaryEntries, formatSize, previewKind, schemaOf } from './schema.ts';

describe('schema view', () => {
  it('lists every path with the types seen and a first value, nested objects and arrays included', () => {
    const fields = schemaOf([
      { json: { name: 'Ada', age: 36, address: { city: 'London' }, tags: ['math'] } },
      { json: { name: null, age: 41, extra: true } },
    ]);
    expect(fields).toEqual([
      { path: 'name', depth: 0, type: 'string | null', example: 'Ada' },
      { path: 'age', depth: 0, type: 'number', example: '36' },
      { path: 'address', depth: 0, type: 'object', example: '' },
      { path: 'address.city', depth: 1, type: 'string', example: 'London' },
      { path: 'tags', depth: 0, type: 'array', example: '' },
      { path: 'tags[0]', depth: 1, type: 'string', example: 'math' },
      { path: 'extra', depth: 0, type: 'boolean', example: 'true' },
    ]);
  });

  it('stops at the depth and field limits', () => {
    const deep = { a: { b: { c: { d: 1 } } } };
    expect(schemaOf([{ json: deep }], { maxDepth: 2 }).map((f) => f.path)).toEqual(['a', 'a.b', 'a.b.c']);
    const wide = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i]));
    expect(schemaOf([{ json: wide }], { maxFields: 5 })).toHaveLength(5);
  });
});

describe('binary entries', () => {
  it('lists the attachments of the items and which ones preview inline', () => {
    const entries = binaryEntries([
      { binary: { data: { id: 'x', mimeType: 'image/png', fileName: 'a.png', fileSize: 2048 } } },
      {},
      { binary: { file: { id: 'y', mimeType: 'image/svg+xml' } } },
    ]);
    expect(entries).toEqual([
      { item: 0, key: 'data', mimeType: 'image/png', fileName: 'a.png', fileSize: 2048 },
      { item: 2, key: 'file', mimeType: 'image/svg+xml' },
    ]);
    expect(previewKind('image/png')).toBe('image');
    expect(previewKind('image/svg+xml')).toBeNull();
    expect(previewKind('text/csv')).toBe('text');
    expect(previewKind('application/json')).toBe('text');
    expect(formatSize(2048)).toBe('2.0 KB');
  });
});
