import type { WorkflowNode } from '@guixu/core/workflow-schema';
import type { Endpoint, PinnedItem, WorkflowDoc } from './document.ts';

/** `Edit Fields`, `Edit Fields1`, `Edit Fields2`…: names are unique in a workflow (n8n's rule). */
export function uniqueName(doc: WorkflowDoc, wanted: string): string {
  const taken = new Set(doc.nodes.map((n) => n.name));
  if (!taken.has(wanted)) return wanted;
  const base = wanted.replace(/\d+$/, '');
  for (let i = 1; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

export function newNodeId(): string {
  return globalThis.crypto.randomUUID();
}

export function addNode(
  doc: WorkflowDoc,
  node: Omit<WorkflowNode, 'id' | 'name'> & { name: string },
): WorkflowNode {
  const created: WorkflowNode = { ...node, id: newNodeId(), name: uniqueName(doc, node.name) };
  doc.nodes.push(created);
  return created;
}

/** Adds a connection unless it exists; a source output may feed several inputs. */
export function connect(doc: WorkflowDoc, from: Endpoint, to: Endpoint): boolean {
  if (from.node === to.node || from.type !== to.type) return false;
  const byType = doc.connections[from.node] ?? {};
  doc.connections[from.node] = byType;
  const outputs = byType[from.type] ?? [];
  byType[from.type] = outputs;
  while (outputs.length <= from.index) outputs.push([]);
  const targets = outputs[from.index] ?? [];
  outputs[from.index] = targets;
  if (targets.some((t) => t.node === to.node && t.index === to.index && t.type === to.type)) return false;
  targets.push({ node: to.node, type: to.type, index: to.index });
  return true;
}

export function disconnect(doc: WorkflowDoc, from: Endpoint, to: Endpoint): void {
  const targets = doc.connections[from.node]?.[from.type]?.[from.index];
  if (!targets) return;
  const kept = targets.filter((t) => !(t.node === to.node && t.index === to.index && t.type === to.type));
  const outputs = doc.connections[from.node]?.[from.type];
  if (outputs) outputs[from.index] = kept;
  pruneSource(doc, from.node);
}

function pruneSource(doc: WorkflowDoc, source: string): void {
  const byType = doc.connections[source];
  if (!byType) return;
  for (const [type, outputs] of Object.entries(byType)) {
    if (outputs.every((targets) => !targets || targets.length === 0)) delete byType[type];
  }
  if (Object.keys(byType).length === 0) delete doc.connections[source];
}

/** Every connection as a flat list (the canvas draws one edge each). */
export function listConnections(doc: WorkflowDoc): { from: Endpoint; to: Endpoint }[] {
  const out: { from: Endpoint; to: Endpoint }[] = [];
  for (const [source, byType] of Object.entries(doc.connections)) {
    for (const [type, outputs] of Object.entries(byType)) {
      outputs.forEach((targets, index) => {
        for (const t of targets ?? []) out.push({ from: { node: source, type, index }, to: { ...t } });
      });
    }
  }
  return out;
}

export function removeNodes(doc: WorkflowDoc, names: readonly string[]): void {
  const gone = new Set(names);
  doc.nodes = doc.nodes.filter((n) => !gone.has(n.name));
  for (const name of gone) {
    delete doc.connections[name];
    delete doc.pinData[name];
  }
  for (const [source, byType] of Object.entries(doc.connections)) {
    for (const [type, outputs] of Object.entries(byType)) {
      byType[type] = outputs.map((targets) => (targets ?? []).filter((t) => !gone.has(t.node)));
    }
    pruneSource(doc, source);
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `$('Old')`, `$("Old")`, `$node["Old"]`, `$node.Old` inside expression strings, renamed. */
export function renameInExpression(text: string, from: string, to: string): string {
  if (!text.startsWith('=')) return text;
  const name = escapeRegExp(from);
  const quoted = (q: string) => `${q}${to.replaceAll(q, `\\${q}`)}${q}`;
  let out = text.replace(new RegExp(`\\$\\((['"])${name}\\1\\)`, 'g'), (_m, q: string) => `$(${quoted(q)})`);
  out = out.replace(
    new RegExp(`\\$node\\[(['"])${name}\\1\\]`, 'g'),
    (_m, q: string) => `$node[${quoted(q)}]`,
  );
  if (/^[A-Za-z_$][\w$]*$/.test(from) && /^[A-Za-z_$][\w$]*$/.test(to)) {
    out = out.replace(new RegExp(`\\$node\\.${name}\\b`, 'g'), `$node.${to}`);
  }
  return out;
}

/** Every expression string inside a parameter value, with the node names in `renames` replaced. */
export function renameInValue(value: unknown, renames: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    let out = value;
    for (const [from, to] of renames) out = renameInExpression(out, from, to);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => renameInValue(v, renames));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameInValue(v, renames)]));
  }
  return value;
}

/** Renames a node and everything that names it: connections, pinned data, expressions. */
export function renameNode(doc: WorkflowDoc, from: string, wanted: string): string {
  const to = wanted.trim();
  if (to === '' || to === from) return from;
  const name = uniqueName(doc, to);
  for (const node of doc.nodes) {
    if (node.name === from) node.name = name;
    node.parameters = renameInValue(node.parameters, new Map([[from, name]])) as Record<string, unknown>;
  }
  if (doc.connections[from]) {
    doc.connections[name] = doc.connections[from];
    delete doc.connections[from];
  }
  for (const byType of Object.values(doc.connections)) {
    for (const outputs of Object.values(byType)) {
      for (const targets of outputs) for (const t of targets ?? []) if (t.node === from) t.node = name;
    }
  }
  if (doc.pinData[from]) {
    doc.pinData[name] = doc.pinData[from];
    delete doc.pinData[from];
  }
  return name;
}

export function setPinData(doc: WorkflowDoc, node: string, items: PinnedItem[] | null): void {
  if (items === null) delete doc.pinData[node];
  else doc.pinData[node] = items;
}

/** Names of the nodes feeding `node` on its main inputs, first input first. */
export function parentsOf(doc: WorkflowDoc, node: string): string[] {
  return listConnections(doc)
    .filter((c) => c.to.node === node && c.to.type === 'main')
    .sort((a, b) => a.to.index - b.to.index)
    .map((c) => c.from.node);
}
