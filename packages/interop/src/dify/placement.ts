import type { UniqueNames } from '../shared/unique-names.ts';
import type { DifyApp, DifyRawNode } from './dify-file.ts';
import type { DifyMapping, DifyNode } from './dify-mapping.ts';
import { text } from './dify-mapping.ts';
import { CONTAINER_STARTS, difyType, parentOf } from './dify-nodes.ts';
import { currentLoopVariables } from './loop-expressions.ts';
import { mappings } from './mappings/index.ts';
import { quote, type SelectorTargets } from './selectors.ts';

const byType = new Map<string, DifyMapping>();
for (const mapping of mappings) for (const type of mapping.difyTypes) byType.set(type, mapping);

/** Where a Dify node lives after import: the node edges enter, and the node they leave from. */
export interface Placed {
  entry: string;
  exit: string;
  /** For containers: the Loop Over Items node (children hang off its loop output). */
  loop?: string;
  collect?: string;
  /** Where a container's body hangs: the loop output, or the "continue" branch of its break check. */
  bodyFrom?: { node: string; output: number };
  mapping?: DifyMapping;
  node: DifyNode;
  /** Extra outputs index for the fail branch, when the node continues on error. */
  failOutput?: number;
}

export interface Placement {
  placed: Map<string, Placed>;
  startNode?: DifyRawNode;
  startName: string;
  conversationName?: string;
  /** Names of the variable assigners inside a container. */
  assignersIn(containerId: string): string[];
  /** Selector targets as seen from a node inside container `readerParent` (or at the top level). */
  targetsFor(readerParent: string | undefined): SelectorTargets;
}

/** Claims every node's name first: selectors anywhere may point at any node. */
export function placeNodes(app: DifyApp, names: UniqueNames): Placement {
  const placed = new Map<string, Placed>();
  const startNode = app.nodes.find((n) => difyType(n) === 'start');
  for (const raw of app.nodes) {
    const type = difyType(raw);
    if (CONTAINER_STARTS.has(type)) continue;
    const title = text(raw.data.title, type || 'Node');
    const node: DifyNode = { id: raw.id, type, title, data: raw.data };
    const mapping = byType.get(type);
    if (type === 'iteration' || type === 'loop') {
      const loop = names.claim(title);
      placed.set(raw.id, {
        entry: names.claim(`${title} (items)`),
        loop,
        collect: names.claim(`${title} (collect)`),
        exit: names.claim(`${title} (output)`),
        mapping,
        node,
      });
    } else {
      const name = names.claim(title);
      placed.set(raw.id, { entry: name, exit: name, mapping, node });
    }
  }
  const startName = startNode ? (placed.get(startNode.id)?.entry ?? 'Start') : names.claim('Start');
  const conversationName =
    app.conversationVariables.length > 0 ? names.claim('Conversation variables') : undefined;
  const assignersIn = (containerId: string): string[] =>
    app.nodes
      .filter((n) => parentOf(n) === containerId && difyType(n) === 'assigner')
      .map((n) => placed.get(n.id)?.exit)
      .filter((name): name is string => name !== undefined);
  const targetsFor = (readerParent: string | undefined): SelectorTargets => ({
    startName,
    conversationName,
    source: (id, variable) => {
      const p = placed.get(id);
      if (!p) return undefined;
      if (!p.loop || variable === 'output') return `${quote(p.exit)}.first().json`;
      // Inside the container: the current round's item (item, index) or the loop variables.
      if (readerParent === id) {
        return p.node.type === 'loop' && variable !== 'index'
          ? currentLoopVariables(p.collect ?? '', p.loop, assignersIn(id))
          : `${quote(p.loop)}.item.json`;
      }
      // After a loop: the loop variables as the last round left them.
      return `(${quote(p.exit)}.first().json.output.at(-1) ?? {})`;
    },
    field: (id, variable) => placed.get(id)?.mapping?.outputField?.(variable) ?? variable,
  });
  return { placed, startNode, startName, conversationName, assignersIn, targetsFor };
}
