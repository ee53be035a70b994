/**
 * PUBLIC CONTRACT of the expression language (DESIGN.md §5): templates such as
 * `={{ $json.name }}` or `=Hello {{ $json.first }}`, compiled once per source
 * text into closures and evaluated per item against a node run's data.
 */
import type { Item } from '../items.ts';
import type { NodeRunSource, RunData } from '../run-data.ts';
import type { ExecutionInfo } from '../sdk/define-node.ts';
import type { Workflow, WorkflowNode } from '../workflow/schema.ts';
import { checkString, resetMemory } from './budget.ts';
import { templateCache } from './compile.ts';
import { EnvHost } from './env-host.ts';
import { ExpressionError } from './expression-error.ts';
import { describeFunction, setActiveRuntime } from './guards.ts';
import { resetOwned } from './owned.ts';
import { Runtime } from './runtime.ts';
import { messageOf, toExpressionError } from './to-error.ts';
import { VARIABLE_NAMES } from './variables.ts';
import { DateTime, Duration, Interval, Settings } from 'luxon';

export { ExpressionError } from './expression-error.ts';
export { MAX_DEPTH, MAX_STEPS, MAX_STRING } from './budget.ts';

export interface ExpressionEnvOptions {
  workflow: Workflow;
  runData: RunData;
  /** The node whose parameters are being resolved. */
  node: WorkflowNode;
  runIndex: number;
  /** The node's items per main input. */
  inputs: readonly Item[][];
  /** Where each input came from (for `$('Node').item` paired-item lookups). */
  source: readonly (NodeRunSource | null)[];
  execution: ExecutionInfo;
  vars?: Record<string, string>;
  /** Already allow-listed environment variables. */
  env?: Record<string, string>;
  now?: () => number;
  /**
   * IANA zone of `$now`, `$today` and every Luxon DateTime made while an expression runs
   * (`DateTime.now()`, `DateTime.fromISO` without an offset): the workflow's
   * `settings.timezone`, else the instance default. Default UTC (printed with `Z`, as n8n).
   */
  timezone?: string;
  /**
   * 'null' makes a runtime error (not a syntax, forbidden or limit error) turn the
   * whole template into `null`, as n8n does for text parameters. Default 'throw'.
   */
  runtimeErrors?: 'throw' | 'null';
  /** A node's saved context (its persisted node state), for `$node["Loop"].context["noItemsLeft"]`. */
  nodeContext?: (nodeName: string) => unknown;
  /** `$getWorkflowStaticData(type)`: the workflow's static data ('global' or this node's). */
  staticData?: (type: unknown) => unknown;
}

export interface ExpressionEnv {
  /**
   * Evaluates a parameter string that starts with `=` against item `itemIndex`.
   * `path` names the parameter in errors; `extra` adds variables for this call only.
   */
  evaluate(source: string, itemIndex: number, path?: string, extra?: Record<string, unknown>): unknown;
  /** The variables (`$json`, `$input`, `$`, …) for an item, for Code-like nodes. */
  variables(itemIndex: number): Record<string, unknown>;
}

function render(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'function') return describeFunction(value);
  return typeof value === 'string' ? value : String(value);
}

export function createExpressionEnv(options: ExpressionEnvOptions): ExpressionEnv {
  const zone = expressionZone(options.timezone, options.node.name);
  const host = new EnvHost({ ...options, timezone: zone });
  const rt = new Runtime(host);
  const nodeName = options.node.name;
  const lenient = options.runtimeErrors === 'null';
  return {
    evaluate(source, itemIndex, path, extra) {
      if (source.charCodeAt(0) !== 61 /* = */) return source;
      let template: ReturnType<typeof templateCache.get>;
      try {
        template = templateCache.get(source);
      } catch (error) {
        throw toExpressionError(error, nodeName, path);
      }
      rt.itemIndex = itemIndex;
      rt.steps = 0;
      rt.depth = 0;
      rt.extra = extra;
      resetOwned(true);
      resetMemory(true);
      setActiveRuntime(rt);
      // Luxon's default zone is process-wide: set for this synchronous evaluation only.
      const previousZone = Settings.defaultZone;
      Settings.defaultZone = zone;
      try {
        if (template.single !== undefined) {
          const value = template.single(rt, null);
          return typeof value === 'function' ? describeFunction(value) : value;
        }
        let out = '';
        for (const part of template.parts) {
          if (typeof part === 'string') out += part;
          else if (!lenient) out += render(part(rt, null));
          else {
            // n8n: a failing {{ }} inside text renders as nothing; the rest of the text stays.
            try {
              out += render(part(rt, null));
            } catch (error) {
              if (!yieldsNull(error)) throw error;
            }
          }
        }
        return checkString(out);
      } catch (error) {
        // n8n turns plain JS errors into null but still throws its own errors and "x is not a function".
        if (lenient && yieldsNull(error)) return null;
        throw toExpressionError(error, nodeName, path);
      } finally {
        Settings.defaultZone = previousZone;
        rt.extra = undefined;
        rt.depth = 0;
        resetOwned(false);
        resetMemory(false);
      }
    },
    variables(itemIndex) {
      const itemRuntime = new Runtime(host);
      itemRuntime.itemIndex = itemIndex;
      const out: Record<string, unknown> = {};
      const define = (name: string, get: () => unknown) =>
        Object.defineProperty(out, name, { enumerable: true, configurable: true, get });
      define('$json', () => host.json(itemIndex));
      for (const name of VARIABLE_NAMES)
        if (name !== '$json') define(name, () => host.variable(name, itemRuntime));
      Object.assign(out, { DateTime, Duration, Interval });
      return out;
    },
  };
}

/** Runtime errors n8n turns into null (or nothing inside text); its own errors and "x is not a function" still fail. */
function yieldsNull(error: unknown): boolean {
  return !(error instanceof ExpressionError) && !/is not a function$/.test(messageOf(error));
}

/** The zone expressions run in; a name Luxon does not know fails with a clear error. */
function expressionZone(timezone: string | undefined, nodeName: string): string {
  const zone = timezone?.trim() || 'UTC';
  if (zone.toUpperCase() === 'UTC') return 'UTC';
  if (!DateTime.now().setZone(zone).isValid) {
    throw new ExpressionError(
      'TIMEZONE_INVALID',
      `The time zone "${zone}" is not valid: use an IANA name such as Europe/Berlin (workflow settings)`,
      { node: nodeName, parameter: 'settings.timezone' },
    );
  }
  return zone;
}

/** Checks the syntax of a template without running it; throws ExpressionError with a position. */
export function checkTemplate(source: string): void {
  if (typeof source !== 'string' || source.charCodeAt(0) !== 61) return;
  templateCache.get(source);
}

export function isExpressionError(error: unknown): error is ExpressionError {
  return error instanceof ExpressionError;
}
