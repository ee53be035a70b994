/** Arrow functions (and plain function expressions) compile to real host closures with budgets. */
import type * as A from 'acorn';
import { MAX_DEPTH, MAX_STEPS, tooDeep, tooManySteps } from './budget.ts';
import { type CompileContext, FORBIDDEN_NAMES, forbiddenAt, unsupported } from './compile-context.ts';
import { compileExpression } from './compile-expression.ts';
import { type Binder, compilePattern, patternNames } from './compile-pattern.ts';
import { compileStatementList, declareHoisted } from './compile-statement.ts';
import { own } from './owned.ts';
import { type Fn, type Frame, RETURN, type Runtime } from './runtime.ts';
import { Scope } from './scope.ts';

type FunctionNode = A.ArrowFunctionExpression | A.FunctionExpression | A.FunctionDeclaration;

/**
 * Arrow functions are host closures; bound, they print as native code instead
 * of the interpreter's source (`String(f)`, `[f].join()`, `f.toString()`).
 */
function native<T extends (...args: never[]) => unknown>(fn: T): T {
  return fn.bind(undefined) as T;
}

function enter(rt: Runtime): void {
  if (++rt.steps > MAX_STEPS) tooManySteps();
  if (++rt.depth > MAX_DEPTH) {
    rt.depth--;
    tooDeep();
  }
}

export function declareName(
  ctx: CompileContext,
  scope: Scope,
  node: A.Node,
  name: string,
  kind: 'const' | 'let' | 'var' | 'param' | 'function',
): void {
  if (FORBIDDEN_NAMES.has(name))
    throw forbiddenAt(ctx, node, `"${name}" cannot be used as a name in expressions`);
  scope.declare(name, kind);
}

export function compileFunction(ctx: CompileContext, node: FunctionNode, scope: Scope): Fn {
  if (node.async) throw unsupported(ctx, node, 'An async function');
  if (node.generator) throw unsupported(ctx, node, 'A generator function');
  const fscope = new Scope(scope, true);
  for (const param of node.params) {
    for (const name of patternNames(param)) declareName(ctx, fscope, param, name, 'param');
  }
  let run: Fn;
  if (node.body.type === 'BlockStatement') {
    declareHoisted(ctx, node.body.body, fscope, true);
    const body = compileStatementList(ctx, node.body.body, fscope);
    run = (rt, f) => {
      if (body(rt, f) === RETURN) {
        const value = rt.ret;
        rt.ret = undefined;
        return value;
      }
      return undefined;
    };
  } else {
    run = compileExpression(ctx, node.body, fscope);
  }
  const size = fscope.size;
  const simple = node.params.every((p) => p.type === 'Identifier');
  const arity = node.params.length;
  if (simple && size === 0) {
    return (rt, f) =>
      native(() => {
        enter(rt);
        try {
          return run(rt, f);
        } finally {
          rt.depth--;
        }
      });
  }
  if (simple && arity === 1 && size === 1) {
    return (rt, f) =>
      native((a: unknown) => {
        enter(rt);
        try {
          return run(rt, { v: [a], p: f });
        } finally {
          rt.depth--;
        }
      });
  }
  if (simple && arity === 1) {
    return (rt, f) =>
      native((a: unknown) => {
        enter(rt);
        try {
          const v = new Array<unknown>(size);
          v[0] = a;
          return run(rt, { v, p: f });
        } finally {
          rt.depth--;
        }
      });
  }
  if (simple && arity === 2) {
    return (rt, f) =>
      native((a: unknown, b: unknown) => {
        enter(rt);
        try {
          const v = new Array<unknown>(size);
          v[0] = a;
          v[1] = b;
          return run(rt, { v, p: f });
        } finally {
          rt.depth--;
        }
      });
  }
  const binders = node.params.map((p): { rest: boolean; bind: Binder } =>
    p.type === 'RestElement'
      ? { rest: true, bind: compilePattern(ctx, p.argument, fscope, 'declare') }
      : { rest: false, bind: compilePattern(ctx, p, fscope, 'declare') },
  );
  return (rt, f) =>
    native((...args: unknown[]) => {
      enter(rt);
      try {
        const frame: Frame = { v: new Array<unknown>(size), p: f };
        for (let i = 0; i < binders.length; i++) {
          const b = binders[i];
          b.bind(rt, frame, b.rest ? own(args.slice(i)) : args[i]);
        }
        return run(rt, frame);
      } finally {
        rt.depth--;
      }
    });
}
