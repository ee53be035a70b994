import type { WorkflowDoc } from './document.ts';
import { listConnections } from './operations.ts';

export const STICKY_TYPE = 'guixu.stickyNote';
/** A canvas node's size (CanvasNode.vue), as the layout reserves it. */
const NODE = { width: 200, height: 60 };
const GRID = 20;

type Dagre = typeof import('@dagrejs/dagre');

/**
 * New positions for the nodes, left to right along the connections (dagre's
 * layered layout); AI sub-nodes sit with the node they serve. Sticky notes stay
 * where they are. The layout starts where the workflow's top-left node was.
 */
export function layoutPositions(dagre: Dagre, doc: WorkflowDoc): Map<string, [number, number]> {
  const nodes = doc.nodes.filter((n) => n.type !== STICKY_TYPE);
  const out = new Map<string, [number, number]>();
  if (nodes.length === 0) return out;
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 60, ranksep: 80, marginx: 0, marginy: 0 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) graph.setNode(node.name, { ...NODE });
  for (const { from, to } of listConnections(doc)) {
    if (!graph.hasNode(from.node) || !graph.hasNode(to.node)) continue;
    // Sub-nodes (ai_*) point at the node that uses them; laid out as its inputs, they come before it.
    graph.setEdge(from.node, to.node);
  }
  dagre.layout(graph);
  const left = Math.min(...nodes.map((n) => n.position[0]));
  const top = Math.min(...nodes.map((n) => n.position[1]));
  const placed = nodes.map((n) => {
    const at = graph.node(n.name) as { x: number; y: number };
    return { name: n.name, x: at.x - NODE.width / 2, y: at.y - NODE.height / 2 };
  });
  const minX = Math.min(...placed.map((p) => p.x));
  const minY = Math.min(...placed.map((p) => p.y));
  const snap = (v: number) => Math.round(v / GRID) * GRID;
  for (const p of placed) out.set(p.name, [snap(left + p.x - minX), snap(top + p.y - minY)]);
  return out;
}

/** dagre is fetched the first time a workflow is tidied up. */
export function loadDagre(): Promise<Dagre> {
  return import('@dagrejs/dagre');
}
