import { describe, expect, it } from 'vitest';
import { evaluateArithmetic } from './arithmetic.ts';

describe('Calculator arithmetic', () => {
  it.each([
    ['6 * (3 + 4)', 42],
    ['2 ^ 10', 1024],
    ['2 ** 3 ** 2', 512],
    ['-2 ^ 2', -4],
    ['10 % 4 + 1.5e1', 17],
    ['sqrt(16) + max(1, 7, 3) - abs(-2)', 9],
    ['round(pi * 100) / 100', 3.14],
    ['.5 + 1.', 1.5],
  ])('%s = %d', (expression, value) => {
    expect(evaluateArithmetic(expression)).toBe(value);
  });

  it.each([
    ['1 +', /ends too early/],
    ['(1 + 2', /expected "\)"/],
    ['process.exit(1)', /cannot read|not a known function/],
    ['constructor(1)', /not a known function/],
    ['1 2', /unexpected "2"/],
    ['1 $ 2', /cannot read "\$ 2"/],
  ])('%s is refused: nothing is evaluated as code', (expression, message) => {
    expect(() => evaluateArithmetic(expression)).toThrow(message);
  });
});
