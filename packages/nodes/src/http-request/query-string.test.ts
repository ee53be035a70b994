import { describe, expect, it } from 'vitest';
import { addRepeated, encodeQuery, withQuery } from './query-string.ts';

describe('query encoding', () => {
  const params = { tag: ['a', 'b'], q: 'x y', skip: undefined, empty: null };
  it('encodes arrays in each format', () => {
    expect(decodeURIComponent(encodeQuery(params, 'brackets'))).toBe('tag[]=a&tag[]=b&q=x y&empty=');
    expect(decodeURIComponent(encodeQuery(params, 'indices'))).toBe('tag[0]=a&tag[1]=b&q=x y&empty=');
    expect(decodeURIComponent(encodeQuery(params, 'repeat'))).toBe('tag=a&tag=b&q=x y&empty=');
  });

  it('encodes nested objects with brackets', () => {
    expect(decodeURIComponent(encodeQuery({ filter: { name: 'n', ids: [1, 2] } }, 'brackets'))).toBe(
      'filter[name]=n&filter[ids][]=1&filter[ids][]=2',
    );
  });

  it('appends to a URL that already has a query and keeps the fragment out', () => {
    expect(withQuery('http://h/p?a=1#frag', { b: 2 }, 'brackets')).toBe('http://h/p?a=1&b=2');
    expect(withQuery('http://h/p', {}, 'brackets')).toBe('http://h/p');
  });

  it('collects repeated names into arrays', () => {
    const target: Record<string, unknown> = {};
    addRepeated(target, 'a', '1');
    addRepeated(target, 'a', '2');
    addRepeated(target, 'a', '3');
    expect(target).toEqual({ a: ['1', '2', '3'] });
  });
});
