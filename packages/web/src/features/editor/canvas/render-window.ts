import type { WorkflowDoc } from '../model/document.ts';
import { STICKY_TYPE } from '../model/layout.ts';
import { listConnections } from '../model/operations.ts';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** A canvas node's size before it is measured (CanvasNode.vue: 200 wide, about 60 high). */
export const NODE_SIZE = { width: 200, height: 60 };

/**
 * The part of the canvas (in flow coordinates) the screen shows, grown by
 * `margin` screens on every side: the nodes in it are rendered, so panning
 * within the margin changes nothing in the page.
 */
export function renderWindow(
  viewport: Viewport,
  screen: { width: number; height: number },
  margin = 1,
): Rect {
  const width = screen.width / viewport.zoom;
  const height = screen.height / viewport.zoom;
  const x = -viewport.x / viewport.zoom;
  const y = -viewport.y / viewport.zoom;
  return {
    x: x - width * margin,
    y: y - height * margin,
    width: width * (1 + 2 * margin),
    height: height * (1 + 2 * margin),
  };
}

/**
 * Whether a rendered window still serves the screen: at least half its margin
 * left on every side, and not far bigger than needed (after zooming in).
 */
export function windowHolds(
  window: Rect,
  viewport: Viewport,
  screen: { width: number; height: number },
  margin = 1,
): boolean {
  const shown = renderWindow(viewport, screen, 0);
  const slackX = (shown.width * margin) / 2;
  const slackY = (shown.height * margin) / 2;
  const inside =
    shown.x - slackX >= window.x &&
    shown.y - slackY >= window.y &&
    shown.x + shown.width + slackX <= window.x + window.width &&
    shown.y + shown.height + slackY <= window.y + window.height;
  const oversized = window.width > shown.width * (1 + 2 * margin) * 2;
  return inside && !oversized;
}

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * The nodes to hand to the canvas: those in the window, the ones that must
 * stay (selected), and the direct neighbours of the ones in the window, so an
 * edge leaving the screen is still drawn to its real end.
 */
export function nodesToRender(doc: WorkflowDoc, window: Rect, keep: ReadonlySet<string>): Set<string> {
  const inside = new Set<string>();
  for (const node of doc.nodes) {
    const sticky = node.type === STICKY_TYPE;
    const width =
      sticky && typeof node.parameters.width === 'number' ? node.parameters.width : NODE_SIZE.width;
    const height =
      sticky && typeof node.parameters.height === 'number' ? node.parameters.height : NODE_SIZE.height;
    if (overlaps(window, { x: node.position[0], y: node.position[1], width, height })) inside.add(node.name);
  }
  const out = new Set([...inside, ...keep]);
  for (const { from, to } of listConnections(doc)) {
    if (inside.has(from.node)) out.add(to.node);
    if (inside.has(to.node)) out.add(from.node);
  }
  return out;
}

/** The rectangle around every node (empty workflow: null). */
export function docBounds(doc: WorkflowDoc): Rect | null {
  if (doc.nodes.length === 0) return null;
  const xs = doc.nodes.map((n) => n.position[0]);
  const ys = doc.nodes.map((n) => n.position[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return {
    x,
    y,
    width: Math.max(...xs) - x + NODE_SIZE.width,
    height: Math.max(...ys) - y + NODE_SIZE.height,
  };
}
