/** What one run works on: the input items, the current item (per-item mode) and constants. */
export interface RuntimeItem {
  json: Record<string, unknown>;
  binary?: Record<string, unknown>;
}

export interface RunConstants {
  nodeName: string;
  runIndex: number;
  workflow: unknown;
  execution: unknown;
  timezone?: string;
  staticData?: { global: Record<string, unknown>; node: Record<string, unknown> };
}

export const state: { items: RuntimeItem[]; index: number; constants: RunConstants } = {
  items: [],
  index: 0,
  constants: { nodeName: '', runIndex: 0, workflow: {}, execution: {} },
};

export function currentItem(): RuntimeItem | undefined {
  return state.items[state.index];
}
