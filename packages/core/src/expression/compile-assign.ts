import type * as A from 'acorn';
import { staticKey } from './compile-call.ts';
import { type CompileContext, forbiddenAt, unsupported } from './compile-context.ts';
import { compileExpression } from './compile-expression.ts';
import { compilePattern, type Binder } from './compile-pattern.ts';
import { syntaxError } from './expression-error.ts';
import { deleteMember, getMember, setMember, toKey } from './guards.ts';
import { binary } from './ops.ts';
import type { Fn } from './runtime.ts';
import { frameAt, type Scope } from './scope.ts';

export function compileMemberTarget(ctx: CompileContext, node: A.MemberExpression, scope: Scope): Binder {
  if (node.object.type === 'Super') throw unsupported(ctx, node.object, 'super');
  const obj = compileExpression(ctx, node.object, scope);
  const key = staticKey(ctx, node);
  const computed =
    key === undefined ? compileExpression(ctx, node.property as A.Expression, scope) : undefined;
  return (rt, f, value) => {
    const o = obj(rt, f);
    setMember(o, computed === undefined ? key! : toKey(computed(rt, f)), value);
  };
}

/** Reads an identifier place (checked writable); members are handled inline by callers. */
function compilePlace(ctx: CompileContext, node: A.Pattern | A.Expression, scope: Scope): Fn {
  if (node.type !== 'Identifier') throw unsupported(ctx, node, 'This assignment target');
  const found = scope.resolve(node.name);
  if (!found)
    throw forbiddenAt(ctx, node, `Cannot assign to "${node.name}": declare a local variable with let`);
  if (found.binding.kind === 'const') {
    throw syntaxError(`Assignment to constant variable "${node.name}"`, ctx.code, node.start, ctx.base);
  }
  const { depth } = found;
  const index = found.binding.index;
  return (_rt, f) => frameAt(f, depth).v[index];
}

/** Writes back to the place: identifiers through their slot, members through setMember. */
function compileWriter(ctx: CompileContext, node: A.Pattern | A.Expression, scope: Scope): Binder {
  if (node.type === 'MemberExpression') {
    if (node.object.type === 'Super') throw unsupported(ctx, node.object, 'super');
    const obj = compileExpression(ctx, node.object, scope);
    const key = staticKey(ctx, node);
    const computed =
      key === undefined ? compileExpression(ctx, node.property as A.Expression, scope) : undefined;
    return (rt, f, value) => {
      setMember(obj(rt, f), computed === undefined ? key! : toKey(computed(rt, f)), value);
    };
  }
  return compilePattern(ctx, node as A.Pattern, scope, 'assign');
}

export function compileAssignment(ctx: CompileContext, node: A.AssignmentExpression, scope: Scope): Fn {
  const value = compileExpression(ctx, node.right, scope);
  if (node.operator === '=') {
    const bind = compilePattern(ctx, node.left, scope, 'assign');
    return (rt, f) => {
      const v = value(rt, f);
      bind(rt, f, v);
      return v;
    };
  }
  const op = node.operator.slice(0, -1);
  if (node.left.type === 'MemberExpression') {
    // Evaluate object and key once: read, combine, write.
    const left = node.left;
    if (left.object.type === 'Super') throw unsupported(ctx, left.object, 'super');
    const obj = compileExpression(ctx, left.object, scope);
    const key = staticKey(ctx, left);
    const computed =
      key === undefined ? compileExpression(ctx, left.property as A.Expression, scope) : undefined;
    return (rt, f) => {
      const o = obj(rt, f);
      const k = computed === undefined ? key! : toKey(computed(rt, f));
      const old = getMember(o, k);
      if (op === '&&' ? !old : op === '||' ? old : op === '??' ? old !== null && old !== undefined : false) {
        return old;
      }
      const next = op === '&&' || op === '||' || op === '??' ? value(rt, f) : binary(op, old, value(rt, f));
      setMember(o, k, next);
      return next;
    };
  }
  const read = compilePlace(ctx, node.left, scope);
  const write = compileWriter(ctx, node.left, scope);
  return (rt, f) => {
    const old = read(rt, f);
    if (op === '&&' ? !old : op === '||' ? old : op === '??' ? old !== null && old !== undefined : false) {
      return old;
    }
    const next = op === '&&' || op === '||' || op === '??' ? value(rt, f) : binary(op, old, value(rt, f));
    write(rt, f, next);
    return next;
  };
}

export function compileUpdate(ctx: CompileContext, node: A.UpdateExpression, scope: Scope): Fn {
  const delta = node.operator === '++' ? 1 : -1;
  const prefix = node.prefix;
  if (node.argument.type === 'MemberExpression') {
    const arg = node.argument;
    if (arg.object.type === 'Super') throw unsupported(ctx, arg.object, 'super');
    const obj = compileExpression(ctx, arg.object, scope);
    const key = staticKey(ctx, arg);
    const computed =
      key === undefined ? compileExpression(ctx, arg.property as A.Expression, scope) : undefined;
    return (rt, f) => {
      const o = obj(rt, f);
      const k = computed === undefined ? key! : toKey(computed(rt, f));
      const old = Number(getMember(o, k));
      setMember(o, k, old + delta);
      return prefix ? old + delta : old;
    };
  }
  const read = compilePlace(ctx, node.argument, scope);
  const write = compileWriter(ctx, node.argument, scope);
  return (rt, f) => {
    const old = Number(read(rt, f));
    write(rt, f, old + delta);
    return prefix ? old + delta : old;
  };
}

export function compileDelete(ctx: CompileContext, node: A.UnaryExpression, scope: Scope): Fn {
  const arg = node.argument;
  if (arg.type === 'Identifier') {
    throw syntaxError('Delete of an unqualified identifier', ctx.code, node.start, ctx.base);
  }
  if (arg.type === 'ChainExpression') throw unsupported(ctx, arg, 'delete of an optional chain');
  if (arg.type !== 'MemberExpression') {
    const value = compileExpression(ctx, arg, scope);
    return (rt, f) => {
      value(rt, f);
      return true;
    };
  }
  if (arg.object.type === 'Super') throw unsupported(ctx, arg.object, 'super');
  const obj = compileExpression(ctx, arg.object, scope);
  const key = staticKey(ctx, arg);
  const computed =
    key === undefined ? compileExpression(ctx, arg.property as A.Expression, scope) : undefined;
  return (rt, f) => deleteMember(obj(rt, f), computed === undefined ? key! : toKey(computed(rt, f)));
}
