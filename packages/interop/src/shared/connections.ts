import type { Connections, ConnectionType } from '@guixu/core';

/** The target list of one output of `source`, created (with the outputs before it) on first use. */
export function outputSlot(connections: Connections, source: string, type: string, output: number) {
  const byType = connections[source] ?? {};
  connections[source] = byType;
  const slots = byType[type] ?? [];
  byType[type] = slots;
  while (slots.length <= output) slots.push([]);
  const slot = slots[output] ?? [];
  slots[output] = slot;
  return slot;
}

/** Connects output `output` of `from` to input 0 of `to`, once: a repeated connection is ignored. */
export function connectOnce(
  connections: Connections,
  from: string,
  output: number,
  to: string,
  type: ConnectionType = 'main',
): void {
  const slot = outputSlot(connections, from, type, output);
  if (!slot.some((target) => target.node === to)) slot.push({ node: to, type, index: 0 });
}
