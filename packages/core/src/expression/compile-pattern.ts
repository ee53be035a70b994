/** Destructuring and assignment targets: `(rt, f, value) => void` binders. */
import type * as A from 'acorn';
import { compileMemberTarget } from './compile-assign.ts';
import { type CompileContext, forbiddenAt, unsupported } from './compile-context.ts';
import { compileExpression, iterate } from './compile-expression.ts';
import { syntaxError } from './expression-error.ts';
import { DENIED_KEYS, getMember, toKey } from './guards.ts';
import { own } from './owned.ts';
import type { Frame, Runtime } from './runtime.ts';
import { frameAt, type Scope } from './scope.ts';

export type Binder = (rt: Runtime, f: Frame | null, value: unknown) => void;
export type PatternMode = 'declare' | 'assign';

export function patternNames(pattern: A.Pattern, out: string[] = []): string[] {
  switch (pattern.type) {
    case 'Identifier':
      out.push(pattern.name);
      break;
    case 'ObjectPattern':
      for (const p of pattern.properties) patternNames(p.type === 'RestElement' ? p.argument : p.value, out);
      break;
    case 'ArrayPattern':
      for (const e of pattern.elements) if (e) patternNames(e, out);
      break;
    case 'AssignmentPattern':
      patternNames(pattern.left, out);
      break;
    case 'RestElement':
      patternNames(pattern.argument, out);
      break;
    default:
      break;
  }
  return out;
}

export function compilePattern(
  ctx: CompileContext,
  target: A.Pattern,
  scope: Scope,
  mode: PatternMode,
): Binder {
  // With preserveParens, `(a) = 1` arrives wrapped; the wrapper is not in acorn's Pattern type.
  const pattern = unwrap(target);
  switch (pattern.type) {
    case 'Identifier':
      return identifierTarget(ctx, pattern, scope, mode);
    case 'MemberExpression':
      if (mode === 'declare') throw unsupported(ctx, pattern, 'A member in a declaration');
      return compileMemberTarget(ctx, pattern, scope);
    case 'AssignmentPattern': {
      const inner = compilePattern(ctx, pattern.left, scope, mode);
      const fallback = compileExpression(ctx, pattern.right, scope);
      return (rt, f, value) => inner(rt, f, value === undefined ? fallback(rt, f) : value);
    }
    case 'ArrayPattern':
      return arrayPattern(ctx, pattern, scope, mode);
    case 'ObjectPattern':
      return objectPattern(ctx, pattern, scope, mode);
    default:
      throw unsupported(ctx, pattern, pattern.type);
  }
}

function unwrap(node: A.Pattern): A.Pattern {
  let current: unknown = node;
  while (
    current !== null &&
    typeof current === 'object' &&
    Reflect.get(current, 'type') === 'ParenthesizedExpression'
  ) {
    current = Reflect.get(current, 'expression');
  }
  return current as A.Pattern;
}

function identifierTarget(ctx: CompileContext, node: A.Identifier, scope: Scope, mode: PatternMode): Binder {
  const found = scope.resolve(node.name);
  if (!found) {
    throw forbiddenAt(
      ctx,
      node,
      `Cannot assign to "${node.name}": declare a local variable with let or const`,
    );
  }
  if (mode === 'assign' && found.binding.kind === 'const') {
    throw syntaxError(`Assignment to constant variable "${node.name}"`, ctx.code, node.start, ctx.base);
  }
  const { depth } = found;
  const index = found.binding.index;
  if (depth === 0) {
    return (_rt, f, value) => {
      f!.v[index] = value;
    };
  }
  return (_rt, f, value) => {
    frameAt(f, depth).v[index] = value;
  };
}

function arrayPattern(ctx: CompileContext, pattern: A.ArrayPattern, scope: Scope, mode: PatternMode): Binder {
  const parts = pattern.elements.map((e) => {
    if (e === null) return null;
    if (e.type === 'RestElement') return { rest: true, bind: compilePattern(ctx, e.argument, scope, mode) };
    return { rest: false, bind: compilePattern(ctx, e, scope, mode) };
  });
  return (rt, f, value) => {
    if (value === null || value === undefined) throw new TypeError(`${value} is not iterable`);
    const list = Array.isArray(value) ? value : [...iterate(value)];
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (part === null) continue;
      part.bind(rt, f, part.rest ? own(list.slice(i)) : list[i]);
    }
  };
}

function objectPattern(
  ctx: CompileContext,
  pattern: A.ObjectPattern,
  scope: Scope,
  mode: PatternMode,
): Binder {
  type Part = { key: string | ((rt: Runtime, f: Frame | null) => unknown); bind: Binder };
  const parts: Part[] = [];
  let rest: Binder | undefined;
  for (const p of pattern.properties) {
    if (p.type === 'RestElement') {
      rest = compilePattern(ctx, p.argument, scope, mode);
      continue;
    }
    let key: Part['key'];
    if (p.computed) key = compileExpression(ctx, p.key, scope);
    else if (p.key.type === 'Identifier') key = p.key.name;
    else if (p.key.type === 'Literal') key = String(p.key.value);
    else throw unsupported(ctx, p.key, 'This key');
    if (typeof key === 'string' && DENIED_KEYS.has(key)) {
      throw forbiddenAt(ctx, p.key, `Access to "${key}" is not allowed in expressions`);
    }
    parts.push({ key, bind: compilePattern(ctx, p.value, scope, mode) });
  }
  return (rt, f, value) => {
    if (value === null || value === undefined) {
      throw new TypeError(`Cannot destructure '${value}' as it is ${value}.`);
    }
    const used: string[] = [];
    for (const part of parts) {
      const key = typeof part.key === 'string' ? part.key : toKey(part.key(rt, f));
      used.push(String(key));
      part.bind(rt, f, getMember(value, key));
    }
    if (rest) {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(Object(value))) {
        if (!used.includes(key) && key !== '__proto__') out[key] = getMember(value, key);
      }
      rest(rt, f, own(out));
    }
  };
}
