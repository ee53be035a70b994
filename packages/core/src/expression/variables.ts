/** Names of the `$` variables and how compiled code reads them. */
import type { Fn, Runtime } from './runtime.ts';

export const VARIABLE_NAMES: ReadonlySet<string> = new Set([
  '$',
  '$json',
  '$binary',
  '$input',
  '$node',
  '$items',
  '$prevNode',
  '$runIndex',
  '$itemIndex',
  '$parameter',
  '$now',
  '$today',
  '$workflow',
  '$execution',
  '$vars',
  '$env',
  '$jmespath',
  '$if',
  '$ifEmpty',
  '$max',
  '$min',
  '$data',
  '$getWorkflowStaticData',
]);

export function isVariableName(name: string): boolean {
  return VARIABLE_NAMES.has(name);
}

export function variableReader(name: string): Fn {
  switch (name) {
    case '$json':
      return (rt: Runtime) => rt.host.json(rt.itemIndex);
    case '$itemIndex':
      return (rt: Runtime) => rt.itemIndex;
    default:
      return (rt: Runtime) => rt.host.variable(name, rt);
  }
}
