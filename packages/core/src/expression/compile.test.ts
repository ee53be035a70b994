import { describe, expect, it } from 'vitest';
import { compileTemplate, TemplateCache } from './compile.ts';
import { ExpressionError } from './expression-error.ts';

describe('compileTemplate', () => {
  it('keeps the raw value only for a single segment', () => {
    expect(compileTemplate('={{ 1 }}').single).toBeTypeOf('function');
    // Text around the expression, even whitespace, makes a string (n8n 2.8 returns "1\n").
    expect(compileTemplate('=  {{ 1 }}\n').single).toBeUndefined();
    expect(compileTemplate('=a{{ 1 }}').single).toBeUndefined();
    expect(compileTemplate('={{ 1 }}{{ 2 }}').parts).toHaveLength(2);
  });

  it('reports the position of an error in a later segment relative to the whole template', () => {
    try {
      compileTemplate('=ok {{ 1 }} then {{ 2 + * 3 }}');
      throw new Error('expected a syntax error');
    } catch (error) {
      expect(error).toBeInstanceOf(ExpressionError);
      if (error instanceof ExpressionError) {
        expect(error.code).toBe('EXPRESSION_SYNTAX');
        expect(error.details?.position).toBe(24);
      }
    }
  });
});

describe('TemplateCache', () => {
  it('returns the same compiled template for the same source', () => {
    const cache = new TemplateCache(10);
    expect(cache.get('={{ 1 }}')).toBe(cache.get('={{ 1 }}'));
  });

  it('stays bounded and keeps recently used entries', () => {
    const cache = new TemplateCache(10);
    const hot = cache.get('={{ "hot" }}');
    for (let i = 0; i < 100; i++) {
      cache.get(`={{ ${i} }}`);
      expect(cache.get('={{ "hot" }}')).toBe(hot);
    }
    const cold = cache.get('={{ 0 }}');
    expect(cache.get('={{ 0 }}')).toBe(cold);
  });

  it('caches failures and throws a fresh error each time', () => {
    const cache = new TemplateCache(10);
    let first: unknown;
    let second: unknown;
    try {
      cache.get('={{ ) }}');
    } catch (error) {
      first = error;
    }
    try {
      cache.get('={{ ) }}');
    } catch (error) {
      second = error;
    }
    expect(first).toBeInstanceOf(ExpressionError);
    expect(second).toBeInstanceOf(ExpressionError);
    expect(first).not.toBe(second);
  });
});
