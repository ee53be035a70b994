/**
 * Cycles that can never end: a loop of main connections where every node passes each
 * item on (none can branch, drop items or finish a loop), so once an item enters it the
 * run goes round forever. Validation reports them; loops through IF, Switch, Filter,
 * Loop Over Items, Code and the like are left alone (their data decides).
 */
import type { Workflow } from './schema.ts';

/** Nodes that always emit at least one item on their single output for every item they get. */
const PASS_THROUGH = new Set([
  'guixu.set',
  'guixu.noOp',
  'guixu.wait',
  'guixu.httpRequest',
  'guixu.dateTime',
  'guixu.crypto',
  'guixu.renameKeys',
  'guixu.sort',
  'guixu.markdown',
  'guixu.html',
  'guixu.xml',
]);

/** Each endless cycle as the names of its nodes (in workflow order). */
export function endlessCycles(workflow: Workflow): string[][] {
  const edges = new Map<string, string[]>();
  for (const [source, byType] of Object.entries(workflow.connections)) {
    for (const targets of byType.main ?? []) {
      for (const target of targets ?? []) {
        if (!edges.has(source)) edges.set(source, []);
        edges.get(source)?.push(target.node);
      }
    }
  }
  const typeOf = new Map(workflow.nodes.map((node) => [node.name, node.type]));
  const order = new Map(workflow.nodes.map((node, index) => [node.name, index]));
  const result: string[][] = [];
  for (const component of stronglyConnected([...typeOf.keys()], edges)) {
    const looped = component.length > 1 || (edges.get(component[0]) ?? []).includes(component[0]);
    if (!looped) continue;
    if (!component.every((name) => PASS_THROUGH.has(typeOf.get(name) ?? ''))) continue;
    result.push(component.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)));
  }
  return result;
}

/** Tarjan's strongly connected components, iteratively (workflows may be large). */
function stronglyConnected(nodes: string[], edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const targets = edges.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++];
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node) ?? 0, index.get(target) ?? 0));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(frame.node) ?? 0));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop();
          if (member === undefined) break;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}
