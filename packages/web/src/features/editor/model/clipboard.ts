import { connectionsSchema, workflowNodeSchema } from '@guixu/core/workflow-schema';
import { z } from 'zod';
import type { WorkflowDoc } from './document.ts';
import { connect, listConnections, newNodeId, renameInValue, uniqueName } from './operations.ts';

/** What the editor copies: workflow JSON with the chosen nodes and the connections among them (n8n's clipboard shape). */
const clipboardSchema = z.object({
  nodes: z.array(workflowNodeSchema).min(1).max(2000),
  connections: connectionsSchema.default({}),
});

export function copyNodes(doc: WorkflowDoc, names: readonly string[]): string | null {
  const chosen = new Set(names);
  const nodes = doc.nodes.filter((n) => chosen.has(n.name));
  if (nodes.length === 0) return null;
  const part: WorkflowDoc = { name: doc.name, nodes, connections: {}, settings: {}, pinData: {} };
  for (const { from, to } of listConnections(doc)) {
    if (chosen.has(from.node) && chosen.has(to.node)) connect(part, from, to);
  }
  return JSON.stringify({ nodes, connections: part.connections }, null, 2);
}

/**
 * Adds pasted workflow JSON (from this editor, another tab, or a file) to the
 * document: names made unique (expressions that name them follow), new ids,
 * positions moved by `offset`. When that would put them all outside `view`
 * (the part of the canvas on screen), they land in its middle instead.
 * Returns the new names, or null when the text is not workflow JSON.
 */
export function pasteNodes(
  doc: WorkflowDoc,
  text: string,
  offset: { x: number; y: number },
  view?: { x: number; y: number; width: number; height: number },
): string[] | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = clipboardSchema.safeParse(raw);
  if (!parsed.success) return null;
  if (view) offset = placement(parsed.data.nodes, offset, view);
  const renames = new Map<string, string>();
  const staged: WorkflowDoc = { ...doc, nodes: [...doc.nodes] };
  for (const node of parsed.data.nodes) {
    const name = uniqueName(staged, node.name);
    renames.set(node.name, name);
    staged.nodes.push({ ...node, name });
  }
  const added = parsed.data.nodes.map((node) => ({
    ...node,
    id: newNodeId(),
    name: renames.get(node.name) ?? node.name,
    position: [node.position[0] + offset.x, node.position[1] + offset.y] as [number, number],
    parameters: renameInValue(node.parameters, renames) as Record<string, unknown>,
  }));
  doc.nodes.push(...added);
  const pasted: WorkflowDoc = {
    name: '',
    nodes: [],
    connections: parsed.data.connections,
    settings: {},
    pinData: {},
  };
  for (const { from, to } of listConnections(pasted)) {
    const source = renames.get(from.node);
    const target = renames.get(to.node);
    if (source && target) connect(doc, { ...from, node: source }, { ...to, node: target });
  }
  return added.map((n) => n.name);
}

/** The offset that keeps pasted nodes in view: `offset` if any of them lands in it, else the view's middle. */
function placement(
  nodes: readonly { position: [number, number] }[],
  offset: { x: number; y: number },
  view: { x: number; y: number; width: number; height: number },
): { x: number; y: number } {
  const xs = nodes.map((n) => n.position[0]);
  const ys = nodes.map((n) => n.position[1]);
  const left = Math.min(...xs);
  const top = Math.min(...ys);
  const width = Math.max(...xs) - left + 200;
  const height = Math.max(...ys) - top + 60;
  const x = left + offset.x;
  const y = top + offset.y;
  const visible =
    x < view.x + view.width && view.x < x + width && y < view.y + view.height && view.y < y + height;
  if (visible) return offset;
  const snap = (v: number) => Math.round(v / 20) * 20;
  return {
    x: snap(view.x + Math.max(20, (view.width - width) / 2) - left),
    y: snap(view.y + Math.max(20, (view.height - height) / 2) - top),
  };
}

/**
 * Clipboard text copied in n8n's editor (nodes whose types are n8n's): it is
 * converted by the server's n8n importer before it is pasted.
 */
export function foreignClipboard(text: string): 'n8n' | null {
  if (!text.trimStart().startsWith('{')) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null || !('nodes' in raw) || !Array.isArray(raw.nodes)) return null;
  const n8n = raw.nodes.some(
    (node: unknown) =>
      typeof node === 'object' &&
      node !== null &&
      'type' in node &&
      typeof node.type === 'string' &&
      (node.type.startsWith('n8n-nodes-') || node.type.startsWith('@n8n/')),
  );
  return n8n ? 'n8n' : null;
}
