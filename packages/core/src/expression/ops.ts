/**
 * Operator semantics. Values are `unknown`; the `as number` casts below only
 * satisfy the type checker: JS applies its usual coercions at run time.
 */
import { checkConcat } from './budget.ts';
import { runtimeError } from './expression-error.ts';

type N = number;

export function add(a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  const r: unknown = (a as N) + (b as N);
  return typeof r === 'string' ? checkConcat(a, b, r) : r;
}

export function binary(op: string, a: unknown, b: unknown): unknown {
  switch (op) {
    case '+':
      return add(a, b);
    case '-':
      return (a as N) - (b as N);
    case '*':
      return (a as N) * (b as N);
    case '/':
      return (a as N) / (b as N);
    case '%':
      return (a as N) % (b as N);
    case '**':
      return (a as N) ** (b as N);
    case '==':
      // biome-ignore lint/suspicious/noDoubleEquals: the expression language keeps JS loose equality
      return a == b;
    case '!=':
      // biome-ignore lint/suspicious/noDoubleEquals: the expression language keeps JS loose equality
      return a != b;
    case '===':
      return a === b;
    case '!==':
      return a !== b;
    case '<':
      return (a as N) < (b as N);
    case '<=':
      return (a as N) <= (b as N);
    case '>':
      return (a as N) > (b as N);
    case '>=':
      return (a as N) >= (b as N);
    case '<<':
      return (a as N) << (b as N);
    case '>>':
      return (a as N) >> (b as N);
    case '>>>':
      return (a as N) >>> (b as N);
    case '&':
      return (a as N) & (b as N);
    case '|':
      return (a as N) | (b as N);
    case '^':
      return (a as N) ^ (b as N);
    case 'in':
      if (b === null || (typeof b !== 'object' && typeof b !== 'function')) {
        throw new TypeError(`Cannot use 'in' operator to search for '${String(a)}' in ${String(b)}`);
      }
      return (typeof a === 'number' ? a : String(a)) in b;
    case 'instanceof':
      if (typeof b !== 'function') throw new TypeError("Right-hand side of 'instanceof' is not callable");
      return a instanceof b;
    default:
      throw runtimeError(`Unsupported operator ${op}`);
  }
}

/** Returns a specialised closure-friendly implementation for hot operators. */
export function binaryFn(op: string): (a: unknown, b: unknown) => unknown {
  switch (op) {
    case '+':
      return add;
    case '-':
      return (a, b) => (a as N) - (b as N);
    case '*':
      return (a, b) => (a as N) * (b as N);
    case '/':
      return (a, b) => (a as N) / (b as N);
    case '===':
      return (a, b) => a === b;
    case '!==':
      return (a, b) => a !== b;
    case '<':
      return (a, b) => (a as N) < (b as N);
    case '>':
      return (a, b) => (a as N) > (b as N);
    case '<=':
      return (a, b) => (a as N) <= (b as N);
    case '>=':
      return (a, b) => (a as N) >= (b as N);
    default:
      return (a, b) => binary(op, a, b);
  }
}

export function unary(op: string, a: unknown): unknown {
  switch (op) {
    case '-':
      return -(a as N);
    case '+':
      return +(a as N);
    case '!':
      return !a;
    case '~':
      return ~(a as N);
    case 'typeof':
      return typeof a;
    case 'void':
      return undefined;
    default:
      throw runtimeError(`Unsupported operator ${op}`);
  }
}

export function toDisplayString(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}
