import { randomUUID } from 'node:crypto';
import { portsOf, type WorkflowNode } from '@guixu/core';
import { checkExpressions } from '../n8n/expression-check.ts';
import { placeholderNode } from '../shared/placeholder.ts';
import type { NodeReport } from '../shared/report.ts';
import { expandContainer } from './containers.ts';
import { connect, contextFor, type DifyBuild, latest } from './dify-build.ts';
import type { DifyRawNode } from './dify-file.ts';
import { type DifyContext, type DifyResult, type DifySubNode, text } from './dify-mapping.ts';
import { CONTAINER_STARTS, difyType, parentOf, positionOf } from './dify-nodes.ts';
import type { Placed } from './placement.ts';

/** Adds one Dify node to the build: mapped, expanded (containers), or kept as a placeholder. */
export function translateDifyNode(build: DifyBuild, raw: DifyRawNode): void {
  const type = difyType(raw);
  const version = build.app.version;
  if (CONTAINER_STARTS.has(type)) {
    build.reports.push({
      node: raw.id,
      sourceType: type,
      sourceVersion: version,
      status: 'dropped',
      reason: 'replaced by the Loop Over Items construct of its container',
      warnings: [],
    });
    return;
  }
  const p = build.placement.placed.get(raw.id);
  if (!p) return;
  const position = positionOf(raw);
  const report: NodeReport = {
    node: p.entry,
    sourceType: `dify.${type || 'note'}`,
    sourceVersion: version,
    status: 'mapped',
    warnings: [],
  };
  const ctx = contextFor(build, parentOf(raw), (m) => report.warnings.push(m));
  const result = translateWith(p, ctx);
  if ('unsupported' in result) {
    addPlaceholder(build, { raw, placed: p, report, reason: result.unsupported, position });
    return;
  }
  if ('container' in result) {
    expandContainer(build, { raw, placed: p, container: result.container, ctx, report, position });
    return;
  }
  const definition = build.registry.find(result.type);
  if (!definition) {
    const reason = `GuixuFlow's ${result.type} node is not available in this installation`;
    addPlaceholder(build, { raw, placed: p, report, reason, position });
    return;
  }
  const node: WorkflowNode = {
    id: randomUUID(),
    name: p.entry,
    type: result.type,
    typeVersion: latest(build, result.type),
    position,
    parameters: result.parameters,
  };
  const strategy = text(raw.data.error_strategy);
  if (strategy === 'fail-branch') {
    node.onError = 'continueErrorOutput';
    p.failOutput = portsOf(definition, 'outputs', node.parameters).length;
  } else if (strategy === 'default-value') {
    node.onError = 'continueRegularOutput';
    report.warnings.push(
      'On error Dify returned default values; here the node continues with the error as its output.',
    );
  }
  for (const [slot, credentialName] of Object.entries(result.credentials ?? {})) {
    node.credentials = { ...node.credentials, [slot]: { id: null, name: credentialName } };
    build.credentials.push({ node: node.name, slot, name: credentialName });
  }
  report.warnings.push(...checkExpressions(node.parameters));
  report.targetType = result.type;
  build.nodes.push(node);
  build.reports.push(report);
  for (const sub of result.subNodes ?? []) addSubNode(build, node, sub);
}

/** A sub-node below its root node, connected through its `ai_*` type, with its credential slots. */
function addSubNode(build: DifyBuild, root: WorkflowNode, sub: DifySubNode): void {
  const node: WorkflowNode = {
    id: randomUUID(),
    name: build.names.claim(`${root.name} ${sub.title}`),
    type: sub.type,
    typeVersion: latest(build, sub.type),
    position: [root.position[0], root.position[1] + 200],
    parameters: sub.parameters,
  };
  for (const [slot, credentialName] of Object.entries(sub.credentials ?? {})) {
    node.credentials = { ...node.credentials, [slot]: { id: null, name: credentialName } };
    build.credentials.push({ node: node.name, slot, name: credentialName });
  }
  build.nodes.push(node);
  connect(build, node.name, 0, root.name, sub.connection);
}

/** The mapping's translation, or why the node stays a placeholder. */
function translateWith(p: Placed, ctx: DifyContext): DifyResult {
  if (!p.mapping) return { unsupported: `GuixuFlow has no equivalent of Dify's "${p.node.type}" node yet` };
  try {
    return p.mapping.translate(p.node, ctx);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { unsupported: `its configuration could not be translated: ${message}` };
  }
}

interface PlaceholderOptions {
  raw: DifyRawNode;
  placed: Placed;
  report: NodeReport;
  reason: string;
  position: [number, number];
}

/** A disabled stand-in keeping the Dify node's configuration, with as many outputs as its edges use. */
function addPlaceholder(build: DifyBuild, options: PlaceholderOptions): void {
  const { raw, placed: p, report, reason, position } = options;
  const type = p.node.type;
  const edgesOut = build.app.edges.filter((edge) => edge.source === raw.id);
  const hasFailBranch = edgesOut.some((edge) => text(edge.sourceHandle) === 'fail-branch');
  let outputs = 1;
  for (const edge of edgesOut) {
    const handle = text(edge.sourceHandle, 'source');
    if (handle === 'fail-branch') continue;
    outputs = Math.max(outputs, (p.mapping?.outputIndex?.(p.node, handle) ?? 0) + 1);
  }
  report.status = 'placeholder';
  report.reason = reason;
  report.targetType = 'guixu.placeholder';
  const node = placeholderNode({
    id: randomUUID(),
    name: p.entry,
    position,
    originalType: `dify.${type}`,
    originalTypeVersion: 1,
    originalParameters: raw.data,
    reason,
    inputs: type === 'start' ? [] : ['main'],
    outputs: Array.from({ length: outputs }, () => 'main' as const),
  });
  // Dify's fail branch is the error output, after the regular ones.
  if (hasFailBranch) {
    node.onError = 'continueErrorOutput';
    p.failOutput = outputs;
  }
  build.nodes.push(node);
  build.reports.push(report);
}
