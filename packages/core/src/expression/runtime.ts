/** Runtime state shared by compiled closures: one per expression env, reused for every call. */
export interface Frame {
  v: unknown[];
  p: Frame | null;
}

/** A compiled piece of expression: reads the runtime and the current local frame. */
export type Fn = (rt: Runtime, f: Frame | null) => unknown;

/** Where the `$` variables come from; implemented by the env (variables.ts). */
export interface VariableHost {
  variable(name: string, rt: Runtime): unknown;
  json(itemIndex: number): unknown;
}

export class Runtime {
  itemIndex = 0;
  steps = 0;
  depth = 0;
  /** Variables added for one `evaluate` call (`$response`, …). */
  extra: Record<string, unknown> | undefined = undefined;
  /** Value of the last `return` statement (statements signal completion by number). */
  ret: unknown = undefined;
  /** Variable objects built for this runtime (`$input`, `$('Node')`, …), built on first use. */
  readonly cache = new Map<string, unknown>();
  constructor(readonly host: VariableHost) {}
}

/** Statement completions. */
export const NORMAL = 0;
export const BREAK = 1;
export const CONTINUE = 2;
export const RETURN = 3;
export type Completion = 0 | 1 | 2 | 3;
export type StatementFn = (rt: Runtime, f: Frame | null) => Completion;
