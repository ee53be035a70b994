/** Compile-time scopes: names resolve to (frame depth, slot) before anything runs. */
import type { Frame } from './runtime.ts';

export type BindingKind = 'const' | 'let' | 'var' | 'param' | 'function';

export interface Binding {
  index: number;
  kind: BindingKind;
}

export class Scope {
  readonly names = new Map<string, Binding>();
  constructor(
    readonly parent: Scope | null,
    readonly isFunction: boolean,
  ) {}

  declare(name: string, kind: BindingKind): Binding {
    const existing = this.names.get(name);
    if (existing) return existing;
    const binding = { index: this.names.size, kind };
    this.names.set(name, binding);
    return binding;
  }

  /** A scope gets a runtime frame only when it declares something. */
  get hasFrame(): boolean {
    return this.names.size > 0;
  }

  get size(): number {
    return this.names.size;
  }

  resolve(name: string): { depth: number; binding: Binding } | undefined {
    let depth = 0;
    for (let s: Scope | null = this; s !== null; s = s.parent) {
      const binding = s.names.get(name);
      if (binding) return { depth, binding };
      if (s.hasFrame) depth++;
    }
    return undefined;
  }
}

export function frameAt(f: Frame | null, depth: number): Frame {
  let frame = f!;
  for (let i = 0; i < depth; i++) frame = frame.p!;
  return frame;
}

export function slotReader(depth: number, index: number): (rt: unknown, f: Frame | null) => unknown {
  switch (depth) {
    case 0:
      return (_rt, f) => f!.v[index];
    case 1:
      return (_rt, f) => f!.p!.v[index];
    case 2:
      return (_rt, f) => f!.p!.p!.v[index];
    default:
      return (_rt, f) => frameAt(f, depth).v[index];
  }
}
