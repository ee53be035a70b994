import { ParameterError } from '../errors.ts';
import type { AnyParam, DisplayOptions, ParamShape, ParamsOf } from './params.ts';

/** Evaluates one expression string (starting with `=`) found at `path`. */
export type ExpressionEvaluator = (source: string, path: string) => unknown;

export function isExpressionString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 1 && value.charCodeAt(0) === 61 /* = */;
}

export function containsExpression(value: unknown): boolean {
  if (isExpressionString(value)) return true;
  if (Array.isArray(value)) return value.some(containsExpression);
  if (value !== null && typeof value === 'object') return Object.values(value).some(containsExpression);
  return false;
}

/** Deeply resolves every expression string inside `value`. */
export function resolveDeep(value: unknown, path: string, evaluate: ExpressionEvaluator): unknown {
  if (typeof value === 'string') return isExpressionString(value) ? evaluate(value, path) : value;
  if (Array.isArray(value)) return value.map((v, i) => resolveDeep(v, `${path}[${i}]`, evaluate));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = resolveDeep(v, path ? `${path}.${k}` : k, evaluate);
    return out;
  }
  return value;
}

/**
 * Resolves a parameter value like `resolveDeep`, but leaves fields declared
 * `noExpression` at any depth as written: nodes evaluate those themselves
 * later (HTTP Request pagination values use `$response`).
 */
export function resolveParamValue(
  param: AnyParam,
  value: unknown,
  path: string,
  evaluate: ExpressionEvaluator,
): unknown {
  if (param.options.noExpression) return value;
  const children = param.children;
  if (!children || isExpressionString(value)) return resolveDeep(value, path, evaluate);
  if (Array.isArray(value)) {
    return value.map((entry, i) => resolveFields(children, entry, `${path}[${i}]`, evaluate));
  }
  return resolveFields(children, value, path, evaluate);
}

function resolveFields(
  children: ParamShape,
  value: unknown,
  path: string,
  evaluate: ExpressionEvaluator,
): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return resolveDeep(value, path, evaluate);
  }
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    const child = children[key];
    const at = path ? `${path}.${key}` : key;
    out[key] = child ? resolveParamValue(child, entry, at, evaluate) : resolveDeep(entry, at, evaluate);
  }
  return out;
}

/** Produces a parameter's resolved value for one item; built once per node. */
type Resolver = (evaluate: ExpressionEvaluator) => unknown;

/**
 * Compiles a raw value into a resolver that evaluates only its expression
 * leaves and reuses static sub-trees as they are (no copy per item): this runs
 * per item per parameter, on the engine's hot path. Returns null for static values.
 */
export function compileResolver(param: AnyParam | undefined, value: unknown, path: string): Resolver | null {
  if (param?.options.noExpression) return null;
  if (isExpressionString(value)) return (evaluate) => evaluate(value, path);
  const children = param?.children;
  if (Array.isArray(value)) {
    const parts: [number, Resolver][] = [];
    value.forEach((entry, i) => {
      const r = children
        ? compileFields(children, entry, `${path}[${i}]`)
        : compileResolver(undefined, entry, `${path}[${i}]`);
      if (r) parts.push([i, r]);
    });
    if (parts.length === 0) return null;
    return (evaluate) => {
      const out = value.slice();
      for (const [i, r] of parts) out[i] = r(evaluate);
      return out;
    };
  }
  if (value !== null && typeof value === 'object') {
    return children
      ? compileFields(children, value, path)
      : compileObject(value as Record<string, unknown>, path, undefined);
  }
  return null;
}

function compileFields(children: ParamShape, value: unknown, path: string): Resolver | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return compileResolver(undefined, value, path);
  return compileObject(value as Record<string, unknown>, path, children);
}

function compileObject(
  value: Record<string, unknown>,
  path: string,
  children: ParamShape | undefined,
): Resolver | null {
  const parts: [string, Resolver][] = [];
  for (const [key, entry] of Object.entries(value)) {
    const r = compileResolver(children?.[key], entry, path ? `${path}.${key}` : key);
    if (r) parts.push([key, r]);
  }
  if (parts.length === 0) return null;
  return (evaluate) => {
    const out = { ...value };
    for (const [key, r] of parts) out[key] = r(evaluate);
    return out;
  };
}

/** Whether a field is visible given the raw values of its siblings and of the top level. */
export function isVisible(
  rules: DisplayOptions | undefined,
  siblings: Record<string, unknown>,
  root: Record<string, unknown>,
  defaults: (name: string, top: boolean) => unknown,
): boolean {
  if (!rules) return true;
  const lookup = (key: string) => {
    const top = key.startsWith('/');
    const name = top ? key.slice(1) : key;
    const source = top ? root : siblings;
    return name in source ? source[name] : defaults(name, top);
  };
  for (const [key, allowed] of Object.entries(rules.show ?? {})) {
    const v = lookup(key);
    if (isExpressionString(v)) continue; // cannot know before the run: treat as shown
    if (!allowed.some((a) => a === v)) return false;
  }
  for (const [key, denied] of Object.entries(rules.hide ?? {})) {
    const v = lookup(key);
    if (isExpressionString(v)) continue;
    if (denied.some((a) => a === v)) return false;
  }
  return true;
}

function clone<T>(value: T): T {
  return value === undefined || value === null || typeof value !== 'object' ? value : structuredClone(value);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return value.length > 60 ? `"${value.slice(0, 57)}..."` : `"${value}"`;
  if (value === undefined) return 'nothing';
  try {
    const s = JSON.stringify(value);
    return s.length > 60 ? `${s.slice(0, 57)}...` : s;
  } catch {
    return String(value);
  }
}

export interface ParamIssue {
  parameter: string;
  message: string;
}

function validateOne(name: string, param: AnyParam, value: unknown, nodeName: string | undefined): unknown {
  const result = param.schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${name}.${issue.path.join('.')}` : name;
  const message = `Parameter "${param.options.label}" (${where}) ${issue?.message ?? 'is invalid'}; got ${describe(value)}`;
  throw new ParameterError(message, {
    parameter: where,
    node: nodeName,
    details: { value: describe(value) },
  });
}

/**
 * A node's parameters compiled once per node: static values are validated once,
 * values with expressions are resolved and validated per item.
 */
export class CompiledParams<S extends ParamShape> {
  private readonly staticValues: Record<string, unknown> = {};
  private readonly dynamic: [string, AnyParam, Resolver][] = [];
  private staticResult: ParamsOf<S> | undefined;

  constructor(
    readonly shape: S,
    readonly raw: Record<string, unknown>,
    private readonly nodeName?: string,
  ) {
    const topDefault = (name: string) => shape[name]?.default;
    for (const [name, param] of Object.entries(shape)) {
      const present = name in raw && raw[name] !== undefined;
      const visible = isVisible(param.options.displayOptions, raw, raw, topDefault);
      if (!visible || !present) {
        this.staticValues[name] = clone(param.default);
        continue;
      }
      const value = raw[name];
      const resolver = param.options.noExpression ? null : compileResolver(param, value, name);
      if (resolver) {
        // A placeholder keeps the output's shape fixed: filling it per item is
        // an in-place write, not a hidden-class transition.
        this.staticValues[name] = undefined;
        this.dynamic.push([name, param, resolver]);
      } else {
        this.staticValues[name] = validateOne(name, param, value, nodeName);
      }
    }
    if (this.dynamic.length === 0) this.staticResult = this.staticValues as ParamsOf<S>;
  }

  get hasExpressions(): boolean {
    return this.dynamic.length > 0;
  }

  /** Typed parameters with every expression resolved by `evaluate`. */
  resolve(evaluate: ExpressionEvaluator): ParamsOf<S> {
    if (this.staticResult) return this.staticResult;
    const out: Record<string, unknown> = { ...this.staticValues };
    for (const [name, param, resolver] of this.dynamic) {
      out[name] = validateOne(name, param, resolver(evaluate), this.nodeName);
    }
    return out as ParamsOf<S>;
  }
}

/**
 * Static validation for `validate`: checks every non-expression value against its
 * schema and returns every problem (does not stop at the first).
 */
export function checkParams(shape: ParamShape, raw: Record<string, unknown>): ParamIssue[] {
  const issues: ParamIssue[] = [];
  const topDefault = (name: string) => shape[name]?.default;
  for (const [name, param] of Object.entries(shape)) {
    if (!isVisible(param.options.displayOptions, raw, raw, topDefault)) continue;
    const present = name in raw && raw[name] !== undefined;
    if (!present) {
      if (param.options.required && (param.default === '' || param.default === undefined)) {
        issues.push({ parameter: name, message: `Parameter "${param.options.label}" (${name}) is required` });
      }
      continue;
    }
    const value = raw[name];
    if (!param.options.noExpression && containsExpression(value)) continue;
    try {
      validateOne(name, param, value, undefined);
    } catch (error) {
      issues.push({
        parameter: (error as ParameterError).parameter ?? name,
        message: (error as Error).message,
      });
    }
    if (param.options.required && value === '') {
      issues.push({ parameter: name, message: `Parameter "${param.options.label}" (${name}) is required` });
    }
  }
  return issues;
}
