import { randomUUID } from 'node:crypto';
import type { WorkflowNode } from '@guixu/core';
import type { NodeReport } from '../shared/report.ts';
import { difyCondition, filterValue } from './conditions.ts';
import { connect, contextFor, type DifyBuild, latest } from './dify-build.ts';
import type { DifyRawNode } from './dify-file.ts';
import { type DifyContainer, type DifyContext, records, text } from './dify-mapping.ts';
import { CONTAINER_STARTS, difyType, parentOf } from './dify-nodes.ts';
import { finishedRound } from './loop-expressions.ts';
import type { Placed } from './placement.ts';

interface ContainerOptions {
  raw: DifyRawNode;
  placed: Placed;
  container: DifyContainer['container'];
  ctx: DifyContext;
  report: NodeReport;
  position: [number, number];
}

/**
 * An iteration or loop becomes a Loop Over Items construct: "(items)" computes the
 * rounds, the loop node feeds its body, "(collect)" records each round and loops
 * back, and "(output)" aggregates the rounds when the loop is done.
 */
export function expandContainer(build: DifyBuild, options: ContainerOptions): void {
  const { raw, placed: p, container, ctx, report, position } = options;
  const type = p.node.type;
  const loopName = p.loop ?? p.entry;
  const collectName = p.collect ?? `${loopName} (collect)`;
  const items: WorkflowNode = {
    id: randomUUID(),
    name: p.entry,
    type: 'guixu.code',
    typeVersion: latest(build, 'guixu.code'),
    position,
    parameters: { mode: 'runOnceForAllItems', language: 'javaScript', jsCode: container.itemsCode },
  };
  const loop: WorkflowNode = {
    id: randomUUID(),
    name: loopName,
    type: 'guixu.loopOverItems',
    typeVersion: latest(build, 'guixu.loopOverItems'),
    position: [position[0] + 200, position[1]],
    parameters: { batchSize: 1, options: {} },
  };
  // What one round contributes: the iteration's output value, or a loop's variables.
  const roundValue =
    container.collect !== undefined
      ? ctx.read(container.collect)
      : finishedRound(collectName, loopName, build.placement.assignersIn(raw.id));
  const collect: WorkflowNode = {
    id: randomUUID(),
    name: collectName,
    type: 'guixu.code',
    typeVersion: latest(build, 'guixu.code'),
    position: [position[0] + 400, position[1] + 200],
    parameters: {
      mode: 'runOnceForEachItem',
      language: 'javaScript',
      jsCode: `// Collects what this round of "${p.node.title}" produced.\nreturn { json: { output: ${roundValue} } };`,
    },
  };
  const output: WorkflowNode = {
    id: randomUUID(),
    name: p.exit,
    type: 'guixu.aggregate',
    typeVersion: latest(build, 'guixu.aggregate'),
    position: [position[0] + 600, position[1]],
    parameters: {
      aggregate: 'aggregateIndividualFields',
      fieldsToAggregate: { fieldToAggregate: [{ fieldToAggregate: 'output' }] },
      options: {},
    },
  };
  report.warnings.push(
    `The ${type} became a Loop Over Items construct ("${p.entry}" → "${loopName}" → its nodes inline → "${collect.name}" → back; done → "${p.exit}").`,
  );
  connect(build, items.name, 0, loop.name);
  connect(build, collect.name, 0, loop.name);
  connect(build, loop.name, 0, output.name);
  p.bodyFrom = { node: loop.name, output: 1 };
  if (type === 'loop') addBreakCheck(build, { ...options, loopName, collectName });
  report.targetType = 'guixu.loopOverItems';
  build.nodes.push(items, loop, collect, output);
  build.reports.push(report);
}

/** Rounds after a loop's break conditions hold skip the body: rounds cannot end early. */
function addBreakCheck(
  build: DifyBuild,
  options: ContainerOptions & { loopName: string; collectName: string },
): void {
  const { raw, placed: p, report, position, loopName, collectName } = options;
  const breakConditions = records(raw.data.break_conditions);
  if (breakConditions.length === 0) return;
  const inside = contextFor(build, raw.id, (m) => report.warnings.push(m));
  const check: WorkflowNode = {
    id: randomUUID(),
    name: build.names.claim(`${p.node.title} (break?)`),
    type: 'guixu.if',
    typeVersion: latest(build, 'guixu.if'),
    position: [position[0] + 300, position[1] - 150],
    parameters: {
      conditions: filterValue({
        id: 'break',
        conditions: breakConditions.map((c) => difyCondition(c, inside)),
        combinator: raw.data.logical_operator === 'or' ? 'or' : 'and',
      }),
      looseTypeValidation: true,
      options: {},
    },
  };
  connect(build, loopName, 1, check.name);
  connect(build, check.name, 0, collectName);
  p.bodyFrom = { node: check.name, output: 1 };
  build.nodes.push(check);
  report.warnings.push(
    `Its break conditions are checked by "${check.name}" before each round; rounds after the break skip the body.`,
  );
}

/** Container bodies: the first child hangs off the loop output, the last ones feed the collector. */
export function wireContainerBodies(build: DifyBuild): void {
  const { app } = build;
  const { placed } = build.placement;
  for (const raw of app.nodes) {
    const p = placed.get(raw.id);
    if (!p?.loop || !p.collect) continue;
    const children = app.nodes.filter((n) => parentOf(n) === raw.id && !CONTAINER_STARTS.has(difyType(n)));
    const first = placed.get(text(raw.data.start_node_id));
    const body = p.bodyFrom ?? { node: p.loop, output: 1 };
    if (first && !first.loop) connect(build, body.node, body.output, first.entry);
    for (const child of children) {
      const childPlaced = placed.get(child.id);
      const leavesBody = !app.edges.some(
        (e) => e.source === child.id && children.some((c) => c.id === e.target),
      );
      if (childPlaced && leavesBody) connect(build, childPlaced.exit, 0, p.collect);
    }
    if (children.length === 0) connect(build, body.node, body.output, p.collect);
  }
}
