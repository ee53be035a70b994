import type * as A from 'acorn';
import { MAX_STEPS, tooManySteps } from './budget.ts';
import { type CompileContext, unsupported } from './compile-context.ts';
import { compileExpression, iterate } from './compile-expression.ts';
import { compileFunction, declareName } from './compile-function.ts';
import { compilePattern, patternNames } from './compile-pattern.ts';
import { isUncatchable } from './expression-error.ts';
import {
  BREAK,
  type Completion,
  CONTINUE,
  type Fn,
  type Frame,
  NORMAL,
  RETURN,
  type Runtime,
  type StatementFn,
} from './runtime.ts';
import { Scope } from './scope.ts';

/** Declares a statement list's lexical names (and, for a function body, its `var`s anywhere inside). */
export function declareHoisted(
  ctx: CompileContext,
  body: A.Statement[],
  scope: Scope,
  functionBody: boolean,
): void {
  for (const s of body) {
    if (s.type === 'VariableDeclaration' && s.kind !== 'var') {
      for (const d of s.declarations)
        for (const n of patternNames(d.id))
          declareName(ctx, scope, d, n, s.kind === 'const' ? 'const' : 'let');
    } else if (s.type === 'FunctionDeclaration' && s.id) {
      declareName(ctx, scope, s, s.id.name, 'function');
    }
  }
  if (functionBody) for (const s of body) collectVars(ctx, s, scope);
}

function collectVars(
  ctx: CompileContext,
  node: A.Statement | A.VariableDeclaration | null | undefined,
  scope: Scope,
): void {
  if (!node) return;
  switch (node.type) {
    case 'VariableDeclaration':
      if (node.kind === 'var') {
        for (const d of node.declarations)
          for (const n of patternNames(d.id)) declareName(ctx, scope, d, n, 'var');
      }
      break;
    case 'BlockStatement':
      for (const s of node.body) collectVars(ctx, s, scope);
      break;
    case 'IfStatement':
      collectVars(ctx, node.consequent, scope);
      collectVars(ctx, node.alternate, scope);
      break;
    case 'ForStatement':
      if (node.init?.type === 'VariableDeclaration') collectVars(ctx, node.init, scope);
      collectVars(ctx, node.body, scope);
      break;
    case 'ForInStatement':
    case 'ForOfStatement':
      if (node.left.type === 'VariableDeclaration') collectVars(ctx, node.left, scope);
      collectVars(ctx, node.body, scope);
      break;
    case 'WhileStatement':
    case 'DoWhileStatement':
      collectVars(ctx, node.body, scope);
      break;
    case 'TryStatement':
      collectVars(ctx, node.block, scope);
      collectVars(ctx, node.handler?.body, scope);
      collectVars(ctx, node.finalizer, scope);
      break;
    case 'SwitchStatement':
      for (const c of node.cases) for (const s of c.consequent) collectVars(ctx, s, scope);
      break;
    default:
      break;
  }
}

function containsFunction(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some(containsFunction);
  const type = Reflect.get(node, 'type');
  if (type === 'ArrowFunctionExpression' || type === 'FunctionExpression' || type === 'FunctionDeclaration')
    return true;
  return Object.values(node).some((v) => typeof v === 'object' && containsFunction(v));
}

export function compileStatementList(ctx: CompileContext, body: A.Statement[], scope: Scope): StatementFn {
  const functions: [number, Fn][] = [];
  for (const s of body) {
    if (s.type === 'FunctionDeclaration' && s.id) {
      const found = scope.resolve(s.id.name);
      functions.push([found!.binding.index, compileFunction(ctx, s, scope)]);
    }
  }
  const list = body
    .filter((s) => s.type !== 'FunctionDeclaration')
    .map((s) => compileStatement(ctx, s, scope));
  const n = list.length;
  return (rt, f) => {
    for (const [index, make] of functions) f!.v[index] = make(rt, f);
    for (let i = 0; i < n; i++) {
      const c = list[i](rt, f);
      if (c !== NORMAL) return c;
    }
    return NORMAL;
  };
}

/** A block with its own lexical scope: a new frame only if it declares names. */
function compileBlock(ctx: CompileContext, body: A.Statement[], scope: Scope): StatementFn {
  const inner = new Scope(scope, false);
  declareHoisted(ctx, body, inner, false);
  const run = compileStatementList(ctx, body, inner);
  if (!inner.hasFrame) return run;
  const size = inner.size;
  return (rt, f) => run(rt, { v: new Array<unknown>(size), p: f });
}

function step(rt: Runtime): void {
  if (++rt.steps > MAX_STEPS) tooManySteps();
}

export function compileStatement(ctx: CompileContext, node: A.Statement, scope: Scope): StatementFn {
  switch (node.type) {
    case 'ExpressionStatement': {
      const e = compileExpression(ctx, node.expression, scope);
      return (rt, f) => {
        e(rt, f);
        return NORMAL;
      };
    }
    case 'EmptyStatement':
      return () => NORMAL;
    case 'BlockStatement':
      return compileBlock(ctx, node.body, scope);
    case 'VariableDeclaration':
      return compileDeclaration(ctx, node, scope);
    case 'ReturnStatement': {
      const arg = node.argument ? compileExpression(ctx, node.argument, scope) : undefined;
      return (rt, f) => {
        rt.ret = arg ? arg(rt, f) : undefined;
        return RETURN;
      };
    }
    case 'IfStatement': {
      const test = compileExpression(ctx, node.test, scope);
      const yes = compileStatement(ctx, node.consequent, scope);
      const no = node.alternate ? compileStatement(ctx, node.alternate, scope) : undefined;
      return (rt, f) => (test(rt, f) ? yes(rt, f) : no ? no(rt, f) : NORMAL);
    }
    case 'BreakStatement':
      if (node.label) throw unsupported(ctx, node, 'A labelled break');
      return () => BREAK;
    case 'ContinueStatement':
      if (node.label) throw unsupported(ctx, node, 'A labelled continue');
      return () => CONTINUE;
    case 'ThrowStatement': {
      const arg = compileExpression(ctx, node.argument, scope);
      return (rt, f) => {
        throw arg(rt, f);
      };
    }
    case 'WhileStatement': {
      const test = compileExpression(ctx, node.test, scope);
      const body = compileStatement(ctx, node.body, scope);
      return (rt, f) => {
        while (test(rt, f)) {
          step(rt);
          const c = body(rt, f);
          if (c === BREAK) break;
          if (c === RETURN) return RETURN;
        }
        return NORMAL;
      };
    }
    case 'DoWhileStatement': {
      const test = compileExpression(ctx, node.test, scope);
      const body = compileStatement(ctx, node.body, scope);
      return (rt, f) => {
        do {
          step(rt);
          const c = body(rt, f);
          if (c === BREAK) break;
          if (c === RETURN) return RETURN;
        } while (test(rt, f));
        return NORMAL;
      };
    }
    case 'ForStatement':
      return compileFor(ctx, node, scope);
    case 'ForOfStatement':
    case 'ForInStatement':
      return compileForEach(ctx, node, scope);
    case 'TryStatement':
      return compileTry(ctx, node, scope);
    case 'SwitchStatement':
      return compileSwitch(ctx, node, scope);
    case 'FunctionDeclaration':
      return () => NORMAL;
    case 'LabeledStatement':
      throw unsupported(ctx, node, 'A label');
    case 'WithStatement':
      throw unsupported(ctx, node, 'with');
    case 'ClassDeclaration':
      throw unsupported(ctx, node, 'A class');
    default:
      throw unsupported(ctx, node, node.type);
  }
}

function compileDeclaration(ctx: CompileContext, node: A.VariableDeclaration, scope: Scope): StatementFn {
  const parts = node.declarations.map((d) => ({
    bind: compilePattern(ctx, d.id, scope, 'declare'),
    init: d.init ? compileExpression(ctx, d.init, scope) : undefined,
    // `var x;` without an initializer keeps the current value.
    keep: node.kind === 'var' && !d.init,
  }));
  return (rt, f) => {
    for (const p of parts) if (!p.keep) p.bind(rt, f, p.init ? p.init(rt, f) : undefined);
    return NORMAL;
  };
}

function compileFor(ctx: CompileContext, node: A.ForStatement, scope: Scope): StatementFn {
  const loopScope = new Scope(scope, false);
  if (node.init?.type === 'VariableDeclaration' && node.init.kind !== 'var') {
    for (const d of node.init.declarations)
      for (const n of patternNames(d.id))
        declareName(ctx, loopScope, d, n, node.init.kind === 'const' ? 'const' : 'let');
  }
  const init = !node.init
    ? undefined
    : node.init.type === 'VariableDeclaration'
      ? compileDeclaration(ctx, node.init, loopScope)
      : compileExpression(ctx, node.init, loopScope);
  const test = node.test ? compileExpression(ctx, node.test, loopScope) : undefined;
  const update = node.update ? compileExpression(ctx, node.update, loopScope) : undefined;
  const body = compileStatement(ctx, node.body, loopScope);
  const size = loopScope.size;
  // Closures in the body capture a fresh copy of the loop variables per iteration (like JS).
  const copyPerIteration = size > 0 && containsFunction(node.body);
  return (rt, f) => {
    let frame: Frame | null = size > 0 ? { v: new Array<unknown>(size), p: f } : f;
    if (init) init(rt, frame);
    while (!test || test(rt, frame)) {
      step(rt);
      const c = body(rt, frame);
      if (c === BREAK) break;
      if (c === RETURN) return RETURN;
      if (copyPerIteration) frame = { v: frame!.v.slice(), p: f };
      if (update) update(rt, frame);
    }
    return NORMAL;
  };
}

function compileForEach(
  ctx: CompileContext,
  node: A.ForOfStatement | A.ForInStatement,
  scope: Scope,
): StatementFn {
  if (node.type === 'ForOfStatement' && node.await) throw unsupported(ctx, node, 'for await');
  const loopScope = new Scope(scope, false);
  let bind: (rt: Runtime, f: Frame | null, value: unknown) => void;
  const left = node.left;
  if (left.type === 'VariableDeclaration') {
    const d = left.declarations[0];
    if (left.kind !== 'var')
      for (const n of patternNames(d.id))
        declareName(ctx, loopScope, d, n, left.kind === 'const' ? 'const' : 'let');
    bind = compilePattern(ctx, d.id, loopScope, 'declare');
  } else {
    bind = compilePattern(ctx, left, loopScope, 'assign');
  }
  const right = compileExpression(ctx, node.right, scope);
  const body = compileStatement(ctx, node.body, loopScope);
  const size = loopScope.size;
  const isOf = node.type === 'ForOfStatement';
  return (rt, f) => {
    const source = right(rt, f);
    let list: Iterable<unknown>;
    if (isOf) list = iterate(source);
    else if (source === null || source === undefined) return NORMAL;
    else list = keysForIn(source);
    for (const value of list) {
      step(rt);
      const frame: Frame | null = size > 0 ? { v: new Array<unknown>(size), p: f } : f;
      bind(rt, frame, value);
      const c: Completion = body(rt, frame);
      if (c === BREAK) break;
      if (c === RETURN) return RETURN;
    }
    return NORMAL;
  };
}

function keysForIn(source: unknown): string[] {
  const keys: string[] = [];
  for (const key in Object(source)) keys.push(key);
  return keys;
}

function compileTry(ctx: CompileContext, node: A.TryStatement, scope: Scope): StatementFn {
  const block = compileBlock(ctx, node.block.body, scope);
  let handler: StatementFn | undefined;
  let handlerSize = 0;
  let bindParam: ((rt: Runtime, f: Frame | null, value: unknown) => void) | undefined;
  if (node.handler) {
    const catchScope = new Scope(scope, false);
    if (node.handler.param) {
      for (const n of patternNames(node.handler.param))
        declareName(ctx, catchScope, node.handler.param, n, 'let');
      bindParam = compilePattern(ctx, node.handler.param, catchScope, 'declare');
    }
    handler = compileBlock(ctx, node.handler.body.body, catchScope);
    handlerSize = catchScope.size;
  }
  const finalizer = node.finalizer ? compileBlock(ctx, node.finalizer.body, scope) : undefined;
  return (rt, f) => {
    const depth = rt.depth;
    try {
      return block(rt, f);
    } catch (error) {
      if (!handler || isUncatchable(error) || isStackOverflow(error)) throw error;
      rt.depth = depth;
      const frame: Frame | null = handlerSize > 0 ? { v: new Array<unknown>(handlerSize), p: f } : f;
      if (bindParam) bindParam(rt, frame, error);
      return handler(rt, frame);
    } finally {
      if (finalizer) {
        const c = finalizer(rt, f);
        // biome-ignore lint/correctness/noUnsafeFinally: JS semantics: a completion in finally wins
        if (c !== NORMAL) return c;
      }
    }
  };
}

function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

function compileSwitch(ctx: CompileContext, node: A.SwitchStatement, scope: Scope): StatementFn {
  const disc = compileExpression(ctx, node.discriminant, scope);
  const inner = new Scope(scope, false);
  const all = node.cases.flatMap((c) => c.consequent);
  declareHoisted(ctx, all, inner, false);
  const cases = node.cases.map((c) => ({
    test: c.test ? compileExpression(ctx, c.test, inner) : undefined,
    body: compileStatementList(ctx, c.consequent, inner),
  }));
  const size = inner.size;
  return (rt, f) => {
    const value = disc(rt, f);
    const frame: Frame | null = size > 0 ? { v: new Array<unknown>(size), p: f } : f;
    let start = cases.findIndex((c) => c.test !== undefined && c.test(rt, frame) === value);
    if (start < 0) start = cases.findIndex((c) => c.test === undefined);
    if (start < 0) return NORMAL;
    for (let i = start; i < cases.length; i++) {
      const c = cases[i].body(rt, frame);
      if (c === BREAK) return NORMAL;
      if (c !== NORMAL) return c;
    }
    return NORMAL;
  };
}
