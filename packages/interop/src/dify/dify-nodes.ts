import type { DifyRawNode } from './dify-file.ts';
import { text } from './dify-mapping.ts';

/** The nodes that open a container's body: replaced by the Loop Over Items construct. */
export const CONTAINER_STARTS = new Set(['iteration-start', 'loop-start']);

export function difyType(node: DifyRawNode): string {
  if (node.type === 'custom-note') return 'custom-note';
  return text(node.data.type);
}

export function positionOf(node: DifyRawNode): [number, number] {
  const p = node.positionAbsolute ?? node.position ?? {};
  return [Math.round(p.x ?? 0), Math.round(p.y ?? 0)];
}

/** The container (iteration or loop) a node belongs to, if any. */
export function parentOf(node: DifyRawNode): string | undefined {
  return node.parentId ?? (text(node.data.iteration_id) || text(node.data.loop_id) || undefined);
}
