import type * as A from 'acorn';
import { chargeString, checkLength, checkString } from './budget.ts';
import { compileAssignment, compileDelete, compileUpdate } from './compile-assign.ts';
import { compileCall, compileChain, compileMember, compileNew } from './compile-call.ts';
import { copyInto } from './copy.ts';
import { type CompileContext, FORBIDDEN_NAMES, forbiddenAt, unsupported } from './compile-context.ts';
import { compileFunction } from './compile-function.ts';
import { GLOBALS } from './globals.ts';
import { describeFunction, toKey } from './guards.ts';
import { binaryFn, unary } from './ops.ts';
import { syntaxError } from './expression-error.ts';
import { LinearRegExp } from './linear-regexp.ts';
import { own } from './owned.ts';
import type { Fn } from './runtime.ts';
import { type Scope, slotReader } from './scope.ts';
import { isVariableName, variableReader } from './variables.ts';

export function compileExpression(ctx: CompileContext, node: A.Expression, scope: Scope): Fn {
  switch (node.type) {
    case 'Literal':
      return compileLiteral(ctx, node);
    case 'Identifier':
      return compileIdentifier(ctx, node, scope);
    case 'TemplateLiteral':
      return compileTemplateLiteral(ctx, node, scope);
    case 'ArrayExpression':
      return compileArray(ctx, node, scope);
    case 'ObjectExpression':
      return compileObject(ctx, node, scope);
    case 'MemberExpression':
      return compileMember(ctx, node, scope, false);
    case 'ChainExpression':
      return compileChain(ctx, node, scope);
    case 'CallExpression':
      return compileCall(ctx, node, scope, false);
    case 'NewExpression':
      return compileNew(ctx, node, scope);
    case 'UnaryExpression':
      return compileUnary(ctx, node, scope);
    case 'BinaryExpression':
      return compileBinary(ctx, node, scope);
    case 'LogicalExpression':
      return compileLogical(ctx, node, scope);
    case 'ConditionalExpression': {
      const test = compileExpression(ctx, node.test, scope);
      const yes = compileExpression(ctx, node.consequent, scope);
      const no = compileExpression(ctx, node.alternate, scope);
      return (rt, f) => (test(rt, f) ? yes(rt, f) : no(rt, f));
    }
    case 'SequenceExpression': {
      const list = node.expressions.map((e) => compileExpression(ctx, e, scope));
      return (rt, f) => {
        let value: unknown;
        for (const e of list) value = e(rt, f);
        return value;
      };
    }
    case 'AssignmentExpression':
      return compileAssignment(ctx, node, scope);
    case 'UpdateExpression':
      return compileUpdate(ctx, node, scope);
    case 'ArrowFunctionExpression':
    case 'FunctionExpression':
      return compileFunction(ctx, node, scope);
    case 'ParenthesizedExpression':
      return compileExpression(ctx, node.expression, scope);
    case 'ThisExpression':
      throw forbiddenAt(ctx, node, '"this" is not available in expressions');
    case 'ImportExpression':
      throw forbiddenAt(ctx, node, 'import() is not allowed in expressions');
    case 'MetaProperty':
      throw forbiddenAt(ctx, node, `${node.meta.name}.${node.property.name} is not allowed in expressions`);
    case 'TaggedTemplateExpression':
      throw unsupported(ctx, node, 'A tagged template');
    case 'ClassExpression':
      throw unsupported(ctx, node, 'A class');
    case 'AwaitExpression':
      throw unsupported(ctx, node, 'await');
    case 'YieldExpression':
      throw unsupported(ctx, node, 'yield');
    default: {
      const other: A.Node = node;
      throw unsupported(ctx, other, other.type);
    }
  }
}

function compileLiteral(ctx: CompileContext, node: A.Literal): Fn {
  const value = node.value;
  if (value instanceof RegExp) {
    const { source, flags } = value;
    // Compiled once here (RE2 refuses backreferences and lookahead), then a fresh
    // RegExp per evaluation: `lastIndex` state must not leak between items.
    let make: () => LinearRegExp;
    try {
      make = LinearRegExp.literal(source, flags);
    } catch (error) {
      throw syntaxError(
        error instanceof Error ? error.message : String(error),
        ctx.code,
        node.start,
        ctx.base,
      );
    }
    return () => own(make());
  }
  return () => value;
}

export function compileIdentifier(ctx: CompileContext, node: A.Identifier, scope: Scope): Fn {
  const name = node.name;
  const local = scope.resolve(name);
  if (local) return slotReader(local.depth, local.binding.index);
  if (FORBIDDEN_NAMES.has(name)) throw forbiddenAt(ctx, node, `"${name}" is not available in expressions`);
  if (name === 'undefined') return () => undefined;
  if (name === 'NaN') return () => Number.NaN;
  if (name === 'Infinity') return () => Number.POSITIVE_INFINITY;
  if (Object.hasOwn(GLOBALS, name)) {
    const value = GLOBALS[name];
    return () => value;
  }
  if (isVariableName(name)) return variableReader(name);
  return (rt) => {
    if (rt.extra !== undefined && Object.hasOwn(rt.extra, name)) return rt.extra[name];
    throw new ReferenceError(`${name} is not defined`);
  };
}

/** `typeof x` must not throw for unknown names. */
function compileTypeofIdentifier(ctx: CompileContext, node: A.Identifier, scope: Scope): Fn {
  const read = compileIdentifier(ctx, node, scope);
  return (rt, f) => {
    try {
      return typeof read(rt, f);
    } catch {
      return 'undefined';
    }
  };
}

function compileTemplateLiteral(ctx: CompileContext, node: A.TemplateLiteral, scope: Scope): Fn {
  const strings = node.quasis.map((q) => q.value.cooked ?? q.value.raw);
  const parts = node.expressions.map((e) => compileExpression(ctx, e, scope));
  return (rt, f) => {
    let out = strings[0];
    for (let i = 0; i < parts.length; i++) {
      const v = parts[i](rt, f);
      out +=
        (typeof v === 'string' ? v : typeof v === 'function' ? describeFunction(v) : String(v)) +
        strings[i + 1];
    }
    return chargeString(checkString(out));
  };
}

function compileArray(ctx: CompileContext, node: A.ArrayExpression, scope: Scope): Fn {
  const hasSpread = node.elements.some((e) => e?.type === 'SpreadElement');
  const items = node.elements.map((e) => {
    if (e === null) return null;
    if (e.type === 'SpreadElement') return { spread: true, fn: compileExpression(ctx, e.argument, scope) };
    return { spread: false, fn: compileExpression(ctx, e, scope) };
  });
  if (!hasSpread && items.every((i) => i !== null)) {
    const fns = items.map((i) => i!.fn);
    return (rt, f) => {
      const out = new Array<unknown>(fns.length);
      for (let i = 0; i < fns.length; i++) out[i] = fns[i](rt, f);
      return own(out);
    };
  }
  return (rt, f) => {
    const out: unknown[] = [];
    for (const item of items) {
      if (item === null) out.length++;
      else if (!item.spread) out.push(item.fn(rt, f));
      else {
        const value = item.fn(rt, f);
        for (const v of iterate(value)) out.push(v);
        checkLength(out.length, 'an array');
      }
    }
    return own(out);
  };
}

export function iterate(value: unknown): Iterable<unknown> {
  if (Array.isArray(value)) {
    checkLength(value.length, 'an array');
    return value;
  }
  if (typeof value === 'string' || value instanceof Map || value instanceof Set) return value;
  if (value !== null && typeof value === 'object' && Symbol.iterator in value) {
    return value as Iterable<unknown>;
  }
  throw new TypeError(`${value === null ? 'null' : typeof value} is not iterable`);
}

function compileObject(ctx: CompileContext, node: A.ObjectExpression, scope: Scope): Fn {
  type Part = { kind: 'spread'; fn: Fn } | { kind: 'prop'; key: string | Fn; fn: Fn };
  const parts: Part[] = node.properties.map((p): Part => {
    if (p.type === 'SpreadElement') return { kind: 'spread', fn: compileExpression(ctx, p.argument, scope) };
    if (p.kind !== 'init') throw forbiddenAt(ctx, p, 'Getters and setters are not allowed in expressions');
    let key: string | Fn;
    if (p.computed) key = compileExpression(ctx, p.key, scope);
    else if (p.key.type === 'Identifier') key = p.key.name;
    else if (p.key.type === 'Literal') key = String(p.key.value);
    else throw unsupported(ctx, p.key, 'This property key');
    if (key === '__proto__') throw forbiddenAt(ctx, p.key, 'A "__proto__" key is not allowed in expressions');
    return { kind: 'prop', key, fn: compileExpression(ctx, p.value as A.Expression, scope) };
  });
  return (rt, f) => {
    const out: Record<string, unknown> = {};
    for (const part of parts) {
      if (part.kind === 'spread') copyInto(out, part.fn(rt, f));
      else {
        const key = typeof part.key === 'string' ? part.key : toKey(part.key(rt, f));
        out[key] = part.fn(rt, f);
      }
    }
    return own(out);
  };
}

function compileUnary(ctx: CompileContext, node: A.UnaryExpression, scope: Scope): Fn {
  const op = node.operator;
  if (op === 'delete') return compileDelete(ctx, node, scope);
  if (op === 'typeof' && node.argument.type === 'Identifier') {
    return compileTypeofIdentifier(ctx, node.argument, scope);
  }
  const arg = compileExpression(ctx, node.argument, scope);
  if (op === '!') return (rt, f) => !arg(rt, f);
  return (rt, f) => unary(op, arg(rt, f));
}

function compileBinary(ctx: CompileContext, node: A.BinaryExpression, scope: Scope): Fn {
  if (node.left.type === 'PrivateIdentifier') throw unsupported(ctx, node.left, 'A private name');
  const left = compileExpression(ctx, node.left, scope);
  const right = compileExpression(ctx, node.right, scope);
  const op = binaryFn(node.operator);
  if (node.right.type === 'Literal' && !(node.right.value instanceof RegExp)) {
    const constant = node.right.value;
    return (rt, f) => op(left(rt, f), constant);
  }
  return (rt, f) => op(left(rt, f), right(rt, f));
}

function compileLogical(ctx: CompileContext, node: A.LogicalExpression, scope: Scope): Fn {
  const left = compileExpression(ctx, node.left, scope);
  const right = compileExpression(ctx, node.right, scope);
  switch (node.operator) {
    case '&&':
      return (rt, f) => left(rt, f) && right(rt, f);
    case '||':
      return (rt, f) => left(rt, f) || right(rt, f);
    default:
      return (rt, f) => left(rt, f) ?? right(rt, f);
  }
}
