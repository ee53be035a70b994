import type * as A from 'acorn';
import { checkLength } from './budget.ts';
import { callMethod, SHORT } from './calls.ts';
import { type CompileContext, forbiddenAt, unsupported } from './compile-context.ts';
import { compileExpression, iterate } from './compile-expression.ts';
import { callFunction, construct, DENIED_KEYS, getMember, toKey } from './guards.ts';
import type { Fn } from './runtime.ts';
import type { Scope } from './scope.ts';

/** The key of a member expression when it is known at compile time (checked here). */
export function staticKey(ctx: CompileContext, node: A.MemberExpression): string | number | undefined {
  const prop = node.property;
  let key: string | number | undefined;
  if (!node.computed) {
    if (prop.type !== 'Identifier') throw unsupported(ctx, prop, 'A private name');
    key = prop.name;
  } else if (prop.type === 'Literal' && (typeof prop.value === 'string' || typeof prop.value === 'number')) {
    key = prop.value;
  }
  if (typeof key === 'string' && DENIED_KEYS.has(key)) {
    throw forbiddenAt(ctx, prop, `Access to "${key}" is not allowed in expressions`);
  }
  return key;
}

function keyFn(ctx: CompileContext, node: A.MemberExpression, scope: Scope): Fn | undefined {
  if (staticKey(ctx, node) !== undefined) return undefined;
  if (node.property.type === 'PrivateIdentifier') throw unsupported(ctx, node.property, 'A private name');
  return compileExpression(ctx, node.property, scope);
}

function objectOf(ctx: CompileContext, node: A.MemberExpression, scope: Scope, inChain: boolean): Fn {
  if (node.object.type === 'Super') throw unsupported(ctx, node.object, 'super');
  return inChain ? chainPart(ctx, node.object, scope) : compileExpression(ctx, node.object, scope);
}

function chainPart(ctx: CompileContext, node: A.Expression, scope: Scope): Fn {
  if (node.type === 'MemberExpression') return compileMember(ctx, node, scope, true);
  if (node.type === 'CallExpression') return compileCall(ctx, node, scope, true);
  return compileExpression(ctx, node, scope);
}

export function compileChain(ctx: CompileContext, node: A.ChainExpression, scope: Scope): Fn {
  const inner = chainPart(ctx, node.expression, scope);
  return (rt, f) => {
    const value = inner(rt, f);
    return value === SHORT ? undefined : value;
  };
}

export function compileMember(
  ctx: CompileContext,
  node: A.MemberExpression,
  scope: Scope,
  inChain: boolean,
): Fn {
  const obj = objectOf(ctx, node, scope, inChain);
  const key = staticKey(ctx, node);
  const computed = keyFn(ctx, node, scope);
  const optional = node.optional;
  if (computed === undefined && !inChain) {
    const k = key!;
    return (rt, f) => getMember(obj(rt, f), k);
  }
  return (rt, f) => {
    const o = obj(rt, f);
    if (o === SHORT) return SHORT;
    if (optional && (o === null || o === undefined)) return SHORT;
    return getMember(o, computed === undefined ? key! : toKey(computed(rt, f)));
  };
}

export function compileArgs(ctx: CompileContext, args: A.CallExpression['arguments'], scope: Scope) {
  const hasSpread = args.some((a) => a.type === 'SpreadElement');
  const fns = args.map((a) => compileExpression(ctx, a.type === 'SpreadElement' ? a.argument : a, scope));
  if (!hasSpread) {
    const n = fns.length;
    if (n === 0) return () => [];
    if (n === 1) return (rt: Parameters<Fn>[0], f: Parameters<Fn>[1]) => [fns[0](rt, f)];
    return (rt: Parameters<Fn>[0], f: Parameters<Fn>[1]) => {
      const out = new Array<unknown>(n);
      for (let i = 0; i < n; i++) out[i] = fns[i](rt, f);
      return out;
    };
  }
  const spread = args.map((a) => a.type === 'SpreadElement');
  return (rt: Parameters<Fn>[0], f: Parameters<Fn>[1]) => {
    const out: unknown[] = [];
    for (let i = 0; i < fns.length; i++) {
      const v = fns[i](rt, f);
      if (spread[i]) {
        for (const x of iterate(v)) out.push(x);
        checkLength(out.length, 'an argument list');
      } else out.push(v);
    }
    return out;
  };
}

function text(ctx: CompileContext, node: A.Node): string {
  const s = ctx.code.slice(node.start, node.end);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

export function compileCall(ctx: CompileContext, node: A.CallExpression, scope: Scope, inChain: boolean): Fn {
  const callee = node.callee;
  if (callee.type === 'Super') throw unsupported(ctx, callee, 'super');
  const args = compileArgs(ctx, node.arguments, scope);
  const optionalCall = node.optional;
  const label = text(ctx, callee);
  if (callee.type === 'MemberExpression') {
    const obj = objectOf(ctx, callee, scope, inChain);
    const key = staticKey(ctx, callee);
    const computed = keyFn(ctx, callee, scope);
    const optionalObject = callee.optional;
    return (rt, f) => {
      const o = obj(rt, f);
      if (o === SHORT) return SHORT;
      if (optionalObject && (o === null || o === undefined)) return SHORT;
      const k = computed === undefined ? key! : toKey(computed(rt, f));
      return callMethod(rt, o, k, args, f, label, optionalCall);
    };
  }
  const fn = inChain ? chainPart(ctx, callee, scope) : compileExpression(ctx, callee, scope);
  return (rt, f) => {
    const target = fn(rt, f);
    if (target === SHORT) return SHORT;
    if (optionalCall && (target === null || target === undefined)) return SHORT;
    if (typeof target !== 'function') throw notAFunction(label);
    return callFunction(rt, target, undefined, args(rt, f));
  };
}

export function notAFunction(label: string): Error {
  return new TypeError(`${label} is not a function`);
}

export function compileNew(ctx: CompileContext, node: A.NewExpression, scope: Scope): Fn {
  const ctor = compileExpression(ctx, node.callee, scope);
  const args = compileArgs(ctx, node.arguments, scope);
  const label = text(ctx, node.callee);
  return (rt, f) => construct(rt, ctor(rt, f), args(rt, f), label);
}
