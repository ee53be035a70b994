import { connect, type DifyBuild } from './dify-build.ts';
import { text } from './dify-mapping.ts';
import { CONTAINER_STARTS, difyType, parentOf } from './dify-nodes.ts';

/** Dify edges → connections: handles become output indexes, fail branches the error output. */
export function connectEdges(build: DifyBuild): void {
  const { app, warnings } = build;
  const { placed, startNode, conversationName } = build.placement;
  for (const edge of app.edges) {
    const sourceRaw = app.nodes.find((n) => n.id === edge.source);
    const target = placed.get(edge.target);
    if (!sourceRaw || !target) {
      warnings.push(
        `An edge from ${edge.source} to ${edge.target} points at a missing node and was dropped.`,
      );
      continue;
    }
    if (CONTAINER_STARTS.has(difyType(sourceRaw))) {
      const container = placed.get(parentOf(sourceRaw) ?? '');
      if (container?.bodyFrom)
        connect(build, container.bodyFrom.node, container.bodyFrom.output, target.entry);
      continue;
    }
    const source = placed.get(edge.source);
    if (!source) continue;
    const handle = text(edge.sourceHandle, 'source');
    let output =
      handle === 'fail-branch' ? source.failOutput : source.mapping?.outputIndex?.(source.node, handle);
    if (output === undefined) output = handle === 'fail-branch' ? 1 : 0;
    // The conversation variables node sits between the trigger and what follows it.
    const from = source.node.id === startNode?.id && conversationName ? conversationName : source.exit;
    connect(build, from, output, target.entry);
  }
}
