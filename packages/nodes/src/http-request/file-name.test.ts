import { describe, expect, it } from 'vitest';
import { extensionFor, fileNameFor, fileNameFromDisposition } from './file-name.ts';

describe('fileNameFromDisposition', () => {
  it.each([
    ['attachment; filename="100%.txt"', '100%.txt'],
    ['attachment; filename="report.csv"', 'report.csv'],
    ['inline; filename=plain.txt', 'plain.txt'],
    [`attachment; filename*=UTF-8''na%C3%AFve%20file.txt; filename="naive.txt"`, 'naïve file.txt'],
    ['attachment; filename="a\\"b.txt"', 'a"b.txt'],
    ['filename="bare.txt"', 'bare.txt'],
    ['attachment; filename="../../etc/passwd"', 'passwd'],
    ['attachment; filename="C:\\\\temp\\\\x.bin"', 'x.bin'],
  ])('%s → %s', (header, want) => {
    expect(fileNameFromDisposition(header)).toBe(want);
  });

  it.each([undefined, ['a', 'b'], 'attachment', 'attachment; filename=a b.txt', 'attachment; filename=""'])(
    'no name from %j',
    (header) => {
      expect(fileNameFromDisposition(header)).toBeUndefined();
    },
  );
});

describe('fileNameFor', () => {
  it('prefers the header, then the URL, then the MIME type', () => {
    const header = { 'content-disposition': 'attachment; filename="x.pdf"' };
    expect(fileNameFor(header, 'http://h/a/b.txt', 'text/plain', 'data')).toBe('x.pdf');
    expect(fileNameFor({}, 'http://h/a/b%20c.txt', 'text/plain', 'data')).toBe('b c.txt');
    expect(fileNameFor({}, 'http://h/a/download', 'application/json; charset=utf-8', 'out')).toBe('out.json');
    expect(fileNameFor({}, 'http://h/', 'application/x-unknown-thing', 'out')).toBeUndefined();
  });

  it('knows MIME types beyond a short table', () => {
    expect(extensionFor('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('xlsx');
    expect(extensionFor('IMAGE/PNG')).toBe('png');
    expect(extensionFor('text/markdown')).toBe('md');
  });
});
