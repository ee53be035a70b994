import { randomUUID } from 'node:crypto';
import {
  type Connections,
  type ConnectionType,
  type NodeRegistry,
  portsOf,
  validateWorkflow,
  versionsOf,
  type Workflow,
  type WorkflowNode,
} from '@guixu/core';
import { placeholderNode } from '../shared/placeholder.ts';
import { type CredentialNeed, type ImportReport, type NodeReport, summarize } from '../shared/report.ts';
import { UniqueNames } from '../shared/unique-names.ts';
import { checkExpressions } from '../n8n/expression-check.ts';
import { type DifyApp, type DifyEdge, type DifyRawNode, readDifyApp } from './dify-file.ts';
import { difyCondition, filterValue } from './conditions.ts';
import { type DifyContext, type DifyMapping, type DifyNode, records, text } from './dify-mapping.ts';
import { mappings } from './mappings/index.ts';
import { quote, type SelectorTargets, selectorExpression, templateExpression } from './selectors.ts';

export interface DifyImportOptions {
  registry: NodeRegistry;
  fileName?: string;
}

const byType = new Map<string, DifyMapping>();
for (const mapping of mappings) for (const type of mapping.difyTypes) byType.set(type, mapping);

const CONTAINER_STARTS = new Set(['iteration-start', 'loop-start']);

function difyType(node: DifyRawNode): string {
  if (node.type === 'custom-note') return 'custom-note';
  return text(node.data.type);
}

function positionOf(node: DifyRawNode): [number, number] {
  const p = node.positionAbsolute ?? node.position ?? {};
  return [Math.round(p.x ?? 0), Math.round(p.y ?? 0)];
}

/** Where a Dify node lives after import: the node edges enter, and the node they leave from. */
interface Placed {
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

/** A Dify loop's variables when the round started: as the previous round left them, or their initial values. */
function loopVariables(collect: string, loop: string): string {
  return `(${quote(collect)}.isExecuted ? ${quote(collect)}.first().json.output : ${quote(loop)}.item.json)`;
}

/**
 * A Dify loop's variables now, for an expression in the loop body: the round's start
 * values updated by the assigners that already ran in this round (they ran after the
 * collector's last run).
 */
function currentLoopVariables(collect: string, loop: string, assigners: string[]): string {
  const c = quote(collect);
  const updates = assigners.map((name) => {
    const a = quote(name);
    return `(${a}.isExecuted && (!${c}.isExecuted || ${a}.runIndex > ${c}.runIndex) ? ${a}.first().json : {})`;
  });
  return updates.length === 0
    ? loopVariables(collect, loop)
    : `Object.assign({}, ${loopVariables(collect, loop)}, ${updates.join(', ')})`;
}

function parentOf(node: DifyRawNode): string | undefined {
  return node.parentId ?? (text(node.data.iteration_id) || text(node.data.loop_id) || undefined);
}

export function importDify(
  input: unknown,
  options: DifyImportOptions,
): { workflow: Workflow; report: ImportReport } {
  const warnings: string[] = [];
  const app: DifyApp = readDifyApp(input, options.fileName, (m) => warnings.push(m));
  const names = new UniqueNames();
  const placed = new Map<string, Placed>();
  const reports: NodeReport[] = [];
  const credentials: CredentialNeed[] = [];
  const nodes: WorkflowNode[] = [];
  const connections: Connections = {};
  const connect = (from: string, output: number, to: string, type: ConnectionType = 'main') => {
    const byConn = connections[from] ?? {};
    connections[from] = byConn;
    const slots = byConn[type] ?? [];
    byConn[type] = slots;
    while (slots.length <= output) slots.push([]);
    const slot = slots[output] ?? [];
    slots[output] = slot;
    if (!slot.some((t) => t.node === to)) slot.push({ node: to, type, index: 0 });
  };

  // Names first: selectors anywhere may point at any node.
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
  /** Names of the variable assigners inside a container. */
  const assignersIn = (containerId: string): string[] =>
    app.nodes
      .filter((n) => parentOf(n) === containerId && difyType(n) === 'assigner')
      .map((n) => placed.get(n.id)?.exit)
      .filter((name): name is string => name !== undefined);

  /** Selector targets as seen from a node inside container `readerParent` (or at the top level). */
  const targetsFor = (readerParent: string | undefined): SelectorTargets => ({
    startName,
    conversationName,
    source: (id, variable) => {
      const p = placed.get(id);
      if (!p) return undefined;
      if (!p.loop) return `${quote(p.exit)}.first().json`;
      if (variable === 'output') return `${quote(p.exit)}.first().json`;
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

  const latest = (type: string) => {
    const definition = options.registry.find(type);
    return definition ? Math.max(...versionsOf(definition)) : 1;
  };
  const push = (node: WorkflowNode, report: NodeReport) => {
    nodes.push(node);
    reports.push(report);
  };

  if (!startNode) {
    warnings.push('The app has no start node; a Manual Trigger named "Start" was added.');
    nodes.push({
      id: randomUUID(),
      name: startName,
      type: 'guixu.manualTrigger',
      typeVersion: latest('guixu.manualTrigger'),
      position: [0, 0],
      parameters: {},
    });
  }

  const outgoing = new Map<string, DifyEdge[]>();
  for (const edge of app.edges) outgoing.set(edge.source, [...(outgoing.get(edge.source) ?? []), edge]);

  for (const raw of app.nodes) {
    const type = difyType(raw);
    const position = positionOf(raw);
    const version = app.version;
    if (CONTAINER_STARTS.has(type)) {
      reports.push({
        node: raw.id,
        sourceType: type,
        sourceVersion: version,
        status: 'dropped',
        reason: 'replaced by the Loop Over Items construct of its container',
        warnings: [],
      });
      continue;
    }
    const p = placed.get(raw.id);
    if (!p) continue;
    const nodeWarnings: string[] = [];
    const report: NodeReport = {
      node: p.entry,
      sourceType: `dify.${type || 'note'}`,
      sourceVersion: version,
      status: 'mapped',
      warnings: nodeWarnings,
    };
    const targets = targetsFor(parentOf(raw));
    const ctx: DifyContext = {
      registry: options.registry,
      mode: app.mode,
      read: (selector) => selectorExpression(selector, targets, (m) => nodeWarnings.push(m)),
      template: (value) => templateExpression(value, targets, (m) => nodeWarnings.push(m)),
      warn: (m) => nodeWarnings.push(m),
    };
    const edgesOut = outgoing.get(raw.id) ?? [];
    const hasFailBranch = edgesOut.some((edge) => text(edge.sourceHandle) === 'fail-branch');
    const handleCount = () => {
      let max = 1;
      for (const edge of edgesOut) {
        const handle = text(edge.sourceHandle, 'source');
        if (handle === 'fail-branch') continue;
        max = Math.max(max, (p.mapping?.outputIndex?.(p.node, handle) ?? 0) + 1);
      }
      return max;
    };
    const placeholder = (reason: string, outputs: number) => {
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
      push(node, report);
      return node;
    };
    if (!p.mapping) {
      placeholder(`GuixuFlow has no equivalent of Dify's "${type}" node yet`, handleCount());
      continue;
    }
    let result: ReturnType<DifyMapping['translate']>;
    try {
      result = p.mapping.translate(p.node, ctx);
    } catch (error) {
      placeholder(
        `its configuration could not be translated: ${error instanceof Error ? error.message : String(error)}`,
        handleCount(),
      );
      continue;
    }
    if ('unsupported' in result) {
      placeholder(result.unsupported, handleCount());
      continue;
    }
    if ('container' in result) {
      const loopName = p.loop ?? p.entry;
      const base = { position };
      const items: WorkflowNode = {
        id: randomUUID(),
        name: p.entry,
        type: 'guixu.code',
        typeVersion: latest('guixu.code'),
        ...base,
        parameters: {
          mode: 'runOnceForAllItems',
          language: 'javaScript',
          jsCode: result.container.itemsCode,
        },
      };
      const loop: WorkflowNode = {
        id: randomUUID(),
        name: loopName,
        type: 'guixu.loopOverItems',
        typeVersion: latest('guixu.loopOverItems'),
        position: [position[0] + 200, position[1]],
        parameters: { batchSize: 1, options: {} },
      };
      // What one round contributes: the iteration's output value, or a loop's variables
      // (last round's values updated by the assigners in the body).
      const collectName = p.collect ?? `${loopName} (collect)`;
      let roundValue: string;
      if (result.container.collect !== undefined) roundValue = ctx.read(result.container.collect);
      else {
        const assigners = assignersIn(raw.id).map(
          (name) => `(${quote(name)}.isExecuted ? ${quote(name)}.first().json : {})`,
        );
        roundValue = `Object.assign({}, ${loopVariables(collectName, loopName)}, ${assigners.join(', ') || '{}'})`;
      }
      const collect: WorkflowNode = {
        id: randomUUID(),
        name: collectName,
        type: 'guixu.code',
        typeVersion: latest('guixu.code'),
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
        typeVersion: latest('guixu.aggregate'),
        position: [position[0] + 600, position[1]],
        parameters: {
          aggregate: 'aggregateIndividualFields',
          fieldsToAggregate: { fieldToAggregate: [{ fieldToAggregate: 'output' }] },
          options: {},
        },
      };
      nodeWarnings.push(
        `The ${type} became a Loop Over Items construct ("${p.entry}" → "${loopName}" → its nodes inline → "${collect.name}" → back; done → "${p.exit}").`,
      );
      connect(items.name, 0, loop.name);
      connect(collect.name, 0, loop.name);
      connect(loop.name, 0, output.name);
      p.bodyFrom = { node: loop.name, output: 1 };
      const breakConditions = records(raw.data.break_conditions);
      if (type === 'loop' && breakConditions.length > 0) {
        // Rounds after the break conditions hold skip the body: rounds cannot end early.
        const inside = targetsFor(raw.id);
        const insideCtx: DifyContext = {
          ...ctx,
          read: (selector) => selectorExpression(selector, inside, (m) => nodeWarnings.push(m)),
          template: (value) => templateExpression(value, inside, (m) => nodeWarnings.push(m)),
        };
        const check: WorkflowNode = {
          id: randomUUID(),
          name: names.claim(`${p.node.title} (break?)`),
          type: 'guixu.if',
          typeVersion: latest('guixu.if'),
          position: [position[0] + 300, position[1] - 150],
          parameters: {
            conditions: filterValue({
              id: 'break',
              conditions: breakConditions.map((c) => difyCondition(c, insideCtx)),
              combinator: raw.data.logical_operator === 'or' ? 'or' : 'and',
            }),
            looseTypeValidation: true,
            options: {},
          },
        };
        connect(loop.name, 1, check.name);
        connect(check.name, 0, collect.name);
        p.bodyFrom = { node: check.name, output: 1 };
        nodes.push(check);
        nodeWarnings.push(
          `Its break conditions are checked by "${check.name}" before each round; rounds after the break skip the body.`,
        );
      }
      report.targetType = 'guixu.loopOverItems';
      push(items, report);
      nodes.push(loop, collect, output);
      continue;
    }
    const definition = options.registry.find(result.type);
    if (!definition) {
      placeholder(`GuixuFlow's ${result.type} node is not available in this installation`, handleCount());
      continue;
    }
    const node: WorkflowNode = {
      id: randomUUID(),
      name: p.entry,
      type: result.type,
      typeVersion: latest(result.type),
      position,
      parameters: result.parameters,
    };
    const strategy = text(raw.data.error_strategy);
    if (strategy === 'fail-branch') {
      node.onError = 'continueErrorOutput';
      p.failOutput = portsOf(definition, 'outputs', node.parameters).length;
    } else if (strategy === 'default-value') {
      node.onError = 'continueRegularOutput';
      nodeWarnings.push(
        'On error Dify returned default values; here the node continues with the error as its output.',
      );
    }
    for (const [slot, credentialName] of Object.entries(result.credentials ?? {})) {
      node.credentials = { ...node.credentials, [slot]: { id: null, name: credentialName } };
      credentials.push({ node: node.name, slot, name: credentialName });
    }
    nodeWarnings.push(...checkExpressions(node.parameters));
    report.targetType = result.type;
    push(node, report);
  }

  // Conversation variables: one node after the trigger holding their initial values.
  if (conversationName) {
    nodes.push({
      id: randomUUID(),
      name: conversationName,
      type: 'guixu.set',
      typeVersion: latest('guixu.set'),
      position: startNode ? [positionOf(startNode)[0] + 150, positionOf(startNode)[1] + 250] : [150, 250],
      parameters: {
        mode: 'manual',
        assignments: {
          assignments: app.conversationVariables.map((v, index) => ({
            id: `conversation-${index}`,
            name: text(v.name, `variable${index}`),
            value: typeof v.value === 'string' ? v.value : `={{ ${JSON.stringify(v.value ?? null)} }}`,
            type: text(v.value_type).startsWith('array')
              ? 'array'
              : text(v.value_type) === 'number'
                ? 'number'
                : text(v.value_type) === 'object'
                  ? 'object'
                  : 'string',
          })),
        },
        includeOtherFields: true,
        include: 'all',
        options: {},
      },
    });
    warnings.push(
      'Conversation variables start from their default values in every run; GuixuFlow does not keep them between conversation turns yet.',
    );
  }

  // Edges.
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
      if (container?.bodyFrom) connect(container.bodyFrom.node, container.bodyFrom.output, target.entry);
      continue;
    }
    const source = placed.get(edge.source);
    if (!source) continue;
    const handle = text(edge.sourceHandle, 'source');
    let output =
      handle === 'fail-branch' ? source.failOutput : source.mapping?.outputIndex?.(source.node, handle);
    if (output === undefined) output = handle === 'fail-branch' ? 1 : 0;
    const from = source.node.id === startNode?.id && conversationName ? conversationName : source.exit;
    connect(from, output, target.entry);
  }
  if (startNode && conversationName) connect(startName, 0, conversationName);
  else if (!startNode && nodes.length > 1)
    warnings.push('Nothing is connected to the added trigger; connect it to the first node.');

  // Container bodies: the first child hangs off the loop output, the last ones feed the collector.
  for (const raw of app.nodes) {
    const p = placed.get(raw.id);
    if (!p?.loop || !p.collect) continue;
    const children = app.nodes.filter((n) => parentOf(n) === raw.id && !CONTAINER_STARTS.has(difyType(n)));
    const startId = text(raw.data.start_node_id);
    const first = placed.get(startId);
    const body = p.bodyFrom ?? { node: p.loop, output: 1 };
    if (first && !first.loop) connect(body.node, body.output, first.entry);
    for (const child of children) {
      const childPlaced = placed.get(child.id);
      const leavesBody = !(outgoing.get(child.id) ?? []).some((e) => children.some((c) => c.id === e.target));
      if (childPlaced && leavesBody) connect(childPlaced.exit, 0, p.collect);
    }
    if (children.length === 0) connect(body.node, body.output, p.collect);
  }

  const workflow: Workflow = {
    name: app.name,
    nodes,
    connections,
    settings: { executionOrder: 'v1' },
    meta: {
      importedFrom: {
        format: 'dify',
        mode: app.mode,
        version: app.version,
        ...(options.fileName ? { fileName: options.fileName } : {}),
      },
      ...(app.description ? { description: app.description } : {}),
    },
  };
  const validation = validateWorkflow(workflow, options.registry);
  const partial = {
    source: 'dify' as const,
    ...(options.fileName ? { fileName: options.fileName } : {}),
    nodes: reports,
    credentials,
    warnings,
    validation: { errors: validation.errors, warnings: validation.warnings },
  };
  return { workflow, report: { ...partial, summary: summarize(partial) } };
}
