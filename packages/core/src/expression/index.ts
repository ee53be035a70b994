/**
 * PUBLIC CONTRACT of the expression language (DESIGN.md §5). The implementation
 * behind these signatures lives in this folder.
 * TEMPORARY: a placeholder that rejects every expression, until the real one lands.
 */
import { GuixuError } from '../errors.ts';
import type { Item } from '../items.ts';
import type { NodeRunSource, RunData } from '../run-data.ts';
import type { ExecutionInfo } from '../sdk/define-node.ts';
import type { Workflow, WorkflowNode } from '../workflow/schema.ts';

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
  timezone?: string;
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

export class ExpressionError extends GuixuError {}

export function createExpressionEnv(options: ExpressionEnvOptions): ExpressionEnv {
  const fail = (source: string, path?: string): never => {
    throw new ExpressionError('EXPRESSION_UNSUPPORTED', `Expressions are not available yet: ${source}`, {
      node: options.node.name,
      parameter: path,
    });
  };
  return {
    evaluate: (source, _itemIndex, path) => fail(source, path),
    variables: (itemIndex) => ({ $json: options.inputs[0]?.[itemIndex]?.json ?? {} }),
  };
}

/** Checks the syntax of a template without running it; throws ExpressionError with a position. */
export function checkTemplate(_source: string): void {}
