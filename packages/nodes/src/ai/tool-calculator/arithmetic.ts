/**
 * Arithmetic for the Calculator tool: numbers, + - * / % ^, parentheses, unary minus,
 * pi/e and a few functions. A recursive-descent parser: nothing is ever evaluated as code.
 */
import { GuixuError } from '@guixu/core';

const FUNCTIONS: Record<string, (...args: number[]) => number> = {
  sqrt: Math.sqrt,
  abs: Math.abs,
  round: Math.round,
  floor: Math.floor,
  ceil: Math.ceil,
  ln: Math.log,
  log10: Math.log10,
  log: Math.log10,
  exp: Math.exp,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  min: Math.min,
  max: Math.max,
  pow: Math.pow,
};
const CONSTANTS: Record<string, number> = { pi: Math.PI, e: Math.E };
const TOKEN = /\s*(\d+(?:\.\d*)?(?:e[+-]?\d+)?|\.\d+|[A-Za-z_][A-Za-z0-9_]*|\*\*|[-+*/%^(),])/y;
const MAX_LENGTH = 1000;

export function evaluateArithmetic(expression: string): number {
  if (expression.length > MAX_LENGTH) fail(`is longer than ${MAX_LENGTH} characters`);
  const tokens = tokenize(expression);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const expect = (t: string) => {
    if (next() !== t) fail(`expected "${t}"`);
  };

  function sum(): number {
    let value = product();
    while (peek() === '+' || peek() === '-') value = next() === '+' ? value + product() : value - product();
    return value;
  }
  function product(): number {
    let value = unary();
    while (peek() === '*' || peek() === '/' || peek() === '%') {
      const op = next();
      const right = unary();
      value = op === '*' ? value * right : op === '/' ? value / right : value % right;
    }
    return value;
  }
  function unary(): number {
    if (peek() === '-') {
      next();
      return -unary();
    }
    if (peek() === '+') {
      next();
      return unary();
    }
    return power();
  }
  function power(): number {
    const base = atom();
    if (peek() === '^' || peek() === '**') {
      next();
      return base ** unary();
    }
    return base;
  }
  function atom(): number {
    const token = next();
    if (token === undefined) fail('ends too early');
    if (token === '(') {
      const value = sum();
      expect(')');
      return value;
    }
    if (/^[\d.]/.test(token)) return Number(token);
    const name = token.toLowerCase();
    // Own keys only: `constructor` must never reach Object's prototype.
    if (Object.hasOwn(CONSTANTS, name)) return CONSTANTS[name] as number;
    const fn = Object.hasOwn(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
    if (!fn) fail(`"${token}" is not a known function or constant`);
    expect('(');
    const args = [sum()];
    while (peek() === ',') {
      next();
      args.push(sum());
    }
    expect(')');
    return fn(...args);
  }

  const value = sum();
  if (pos < tokens.length) fail(`unexpected "${tokens[pos]}"`);
  return value;
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const scanner = new RegExp(TOKEN.source, 'y');
  while (text.slice(scanner.lastIndex).trim() !== '') {
    const start = scanner.lastIndex;
    const match = scanner.exec(text);
    if (!match?.[1]) fail(`cannot read "${text.slice(start, start + 10).trim()}"`);
    tokens.push(match[1]);
  }
  return tokens;
}

function fail(reason: string): never {
  throw new GuixuError('CALCULATOR_EXPRESSION_INVALID', `The expression ${reason}`);
}
