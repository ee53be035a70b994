import type { ConnectionChange, WorkflowDiff, WorkflowDocument } from '@guixu/api';
import type { WorkflowNode } from '@guixu/core';

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function childPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

/** Paths (below `base`) where two JSON values differ: leaves, or the first array/object whose shape differs. */
export function changedPaths(before: unknown, after: unknown, base: string, out: string[] = []): string[] {
  if (Object.is(before, after)) return out;
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of [...keys].sort()) changedPaths(before[key], after[key], childPath(base, key), out);
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    for (let i = 0; i < before.length; i++) changedPaths(before[i], after[i], childPath(base, i), out);
    return out;
  }
  out.push(base);
  return out;
}

const NODE_FIELDS_IGNORED = new Set(['id', 'parameters']);

function nodeChanges(before: WorkflowNode, after: WorkflowNode): string[] {
  const out: string[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const key of [...keys].sort()) {
    if (NODE_FIELDS_IGNORED.has(key)) continue;
    const changed = changedPaths(Reflect.get(before, key), Reflect.get(after, key), key);
    if (changed.length > 0) out.push(key);
  }
  changedPaths(before.parameters, after.parameters, 'parameters', out);
  return out;
}

function edges(document: WorkflowDocument): Map<string, Omit<ConnectionChange, 'change'>> {
  const out = new Map<string, Omit<ConnectionChange, 'change'>>();
  for (const [from, byType] of Object.entries(document.connections)) {
    for (const [type, outputs] of Object.entries(byType)) {
      outputs.forEach((targets, outputIndex) => {
        for (const target of targets ?? []) {
          const edge = { from, type, outputIndex, to: target.node, inputIndex: target.index };
          out.set(JSON.stringify([from, type, outputIndex, target.node, target.type, target.index]), edge);
        }
      });
    }
  }
  return out;
}

/** Node-level comparison: nodes are matched by id (by name when ids differ), connections by their ends. */
export function diffWorkflows(
  from: { version: number; document: WorkflowDocument },
  to: { version: number; document: WorkflowDocument },
): WorkflowDiff {
  const before = from.document;
  const after = to.document;
  const beforeById = new Map(before.nodes.map((n) => [n.id, n]));
  const beforeByName = new Map(before.nodes.map((n) => [n.name, n]));
  const matched = new Set<WorkflowNode>();
  const added: WorkflowDiff['nodes']['added'] = [];
  const changed: WorkflowDiff['nodes']['changed'] = [];
  for (const node of after.nodes) {
    const previous = beforeById.get(node.id) ?? beforeByName.get(node.name);
    if (!previous || matched.has(previous)) {
      added.push({ name: node.name, id: node.id, type: node.type });
      continue;
    }
    matched.add(previous);
    const changes = nodeChanges(previous, node);
    if (changes.length > 0) changed.push({ name: node.name, id: node.id, changes });
  }
  const removed = before.nodes
    .filter((n) => !matched.has(n))
    .map((n) => ({ name: n.name, id: n.id, type: n.type }));
  const beforeEdges = edges(before);
  const afterEdges = edges(after);
  const connections: ConnectionChange[] = [];
  for (const [key, edge] of afterEdges)
    if (!beforeEdges.has(key)) connections.push({ change: 'added', ...edge });
  for (const [key, edge] of beforeEdges)
    if (!afterEdges.has(key)) connections.push({ change: 'removed', ...edge });
  return {
    from: from.version,
    to: to.version,
    nameChanged: before.name !== after.name,
    settingsChanged: changedPaths(before.settings, after.settings, 'settings'),
    nodes: { added, removed, changed },
    connections,
  };
}
