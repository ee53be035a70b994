import type { Edge, Node } from '@vue-flow/core';
import { nodeDisplayName, nodePortLabel } from '../../../locales/node-text.ts';
import type { NodeType } from '../model/node-types.ts';
import type { WorkflowDoc } from '../model/document.ts';
import { STICKY_TYPE } from '../model/layout.ts';
import { listConnections } from '../model/operations.ts';

export type NodeRunState = 'waiting' | 'running' | 'success' | 'error' | 'pinned';

export interface NodeStatus {
  state: NodeRunState;
  /** Items per output of the last run. */
  itemCounts?: number[];
  message?: string;
}

export interface PortView {
  /** Handle id: `main/0`, `ai_tool/0`. */
  id: string;
  type: string;
  index: number;
  label?: string;
}

/** What a canvas node renders: plain JSON, derived from the document (never edited in place). */
export interface CanvasNodeData {
  name: string;
  typeLabel: string;
  group: string;
  disabled: boolean;
  inputs: PortView[];
  outputs: PortView[];
  status?: NodeStatus;
  pinned: boolean;
  trigger: boolean;
  /** Diff highlight while comparing versions. */
  diff?: 'added' | 'changed' | 'removed';
  issue?: string;
  /** A sticky note: drawn as a note of its own size, with no ports. */
  sticky?: { content: string; width: number; height: number; color: number };
}

function stickyOf(parameters: Record<string, unknown>): CanvasNodeData['sticky'] {
  const num = (value: unknown, fallback: number) =>
    typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
  return {
    content: typeof parameters.content === 'string' ? parameters.content : '',
    width: Math.min(num(parameters.width, 240), 2000),
    height: Math.min(num(parameters.height, 160), 2000),
    color: Math.round(num(parameters.color, 1)),
  };
}

export const handleId = (type: string, index: number) => `${type}/${index}`;

export function parseHandle(id: string | null | undefined): { type: string; index: number } {
  const [type = 'main', index = '0'] = (id ?? 'main/0').split('/');
  return { type, index: Number(index) };
}

function ports(
  list: { type: string; displayName?: string }[],
  names?: string[],
  translate: (label: string) => string = (label) => label,
): PortView[] {
  const counters = new Map<string, number>();
  return list.map((port, i) => {
    const index = counters.get(port.type) ?? 0;
    counters.set(port.type, index + 1);
    const english = port.displayName ?? (port.type === 'main' ? names?.[i] : port.type.replace(/^ai_/, ''));
    const label = english ? translate(english) : english;
    return { id: handleId(port.type, index), type: port.type, index, ...(label ? { label } : {}) };
  });
}

/** Highest output index used by connections, so a node with dynamic outputs shows every wired one. */
function usedOutputs(doc: WorkflowDoc, name: string): number {
  const outputs = doc.connections[name]?.main ?? [];
  return outputs.length;
}

/** A Vue Flow node whose `data` is always there. */
export type CanvasFlowNode = Node<CanvasNodeData> & { data: CanvasNodeData };

export interface CanvasOptions {
  status?: Record<string, NodeStatus>;
  diff?: Record<string, 'added' | 'changed' | 'removed'>;
  /** UI language of type names and port labels (`en`: the catalog's own text). */
  locale?: string;
}

export function toCanvasNodes(
  doc: WorkflowDoc,
  types: ReadonlyMap<string, NodeType>,
  options: CanvasOptions = {},
): CanvasFlowNode[] {
  return doc.nodes.map((node) => {
    const type = types.get(node.type);
    const locale = options.locale ?? 'en';
    const translate = (label: string) => nodePortLabel(node.type, label, locale);
    let outputs = ports(type?.outputs ?? [{ type: 'main' }], type?.outputNames, translate);
    const wired = usedOutputs(doc, node.name);
    const mainCount = outputs.filter((p) => p.type === 'main').length;
    if (wired > mainCount) {
      const extra = Array.from({ length: wired - mainCount }, (_, i) => ({
        id: handleId('main', mainCount + i),
        type: 'main',
        index: mainCount + i,
      }));
      outputs = [...outputs, ...extra];
    }
    const status = options.status?.[node.name];
    const diff = options.diff?.[node.name];
    return {
      id: node.name,
      type: 'workflow',
      position: { x: node.position[0], y: node.position[1] },
      data: {
        name: node.name,
        typeLabel: type ? nodeDisplayName(type, locale) : node.type,
        group: type?.group ?? 'action',
        disabled: node.disabled === true,
        inputs: ports(type?.inputs ?? [{ type: 'main' }], undefined, translate),
        outputs,
        pinned: (doc.pinData[node.name]?.length ?? 0) > 0,
        trigger: type?.trigger !== undefined || type?.group === 'trigger',
        ...(status ? { status } : {}),
        ...(diff ? { diff } : {}),
        ...(type ? {} : { issue: `Unknown node type ${node.type}` }),
        ...(node.type === STICKY_TYPE ? { sticky: stickyOf(node.parameters) } : {}),
      },
    };
  });
}

export function toCanvasEdges(doc: WorkflowDoc, status?: Record<string, NodeStatus>): Edge[] {
  return listConnections(doc).map(({ from, to }) => {
    const counts = status?.[from.node]?.itemCounts;
    const items = from.type === 'main' ? counts?.[from.index] : undefined;
    return {
      id: `${from.node}:${from.type}/${from.index}->${to.node}:${to.type}/${to.index}`,
      type: 'workflow',
      source: from.node,
      target: to.node,
      sourceHandle: handleId(from.type, from.index),
      targetHandle: handleId(to.type, to.index),
      class: from.type === 'main' ? 'edge-main' : 'edge-ai',
      animated: false,
      ...(items !== undefined ? { label: String(items) } : {}),
      data: { type: from.type },
    };
  });
}
