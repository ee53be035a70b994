/** The `$` variables of one node run (DESIGN.md §5), built lazily per runtime. */
import { DateTime } from 'luxon';
import type { Item } from '../items.ts';
import type { NodeRunRecord } from '../run-data.ts';
import { ExpressionError, runtimeError } from './expression-error.ts';
import { hideSource } from './guards.ts';
import { $if, $ifEmpty, $jmespath, $max, $min } from './helpers.ts';
import type { ExpressionEnvOptions } from './index.ts';
import { resolvePairedItem } from './paired-item.ts';
import type { Runtime, VariableHost } from './runtime.ts';

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

for (const fn of [$if, $ifEmpty, $jmespath, $max, $min]) hideSource(fn);

/** Freezes a variable object whose methods print as native code, not as this file's source. */
function sealed<T extends object>(value: T): Readonly<T> {
  for (const key of Object.keys(value)) {
    const d = Object.getOwnPropertyDescriptor(value, key);
    if (typeof d?.value === 'function') hideSource(d.value);
  }
  return Object.freeze(value);
}
const NO_ITEMS: readonly Item[] = Object.freeze([]);

export class EnvHost implements VariableHost {
  private readonly items: readonly Item[];
  private readonly pairedCache = new Map<string, Item>();
  private readonly branchCache = new Map<string, number>();
  private readonly customData = new Map<string, string>();

  constructor(readonly options: ExpressionEnvOptions) {
    this.items = options.inputs[0] ?? NO_ITEMS;
  }

  json(itemIndex: number): unknown {
    const item = this.items[itemIndex];
    return item === undefined ? EMPTY : item.json;
  }

  variable(name: string, rt: Runtime): unknown {
    const cached = rt.cache.get(name);
    if (cached !== undefined) return cached;
    switch (name) {
      case '$data':
        return this.json(rt.itemIndex);
      case '$binary':
        return this.items[rt.itemIndex]?.binary ?? EMPTY;
      case '$runIndex':
        return this.options.runIndex;
      case '$itemIndex':
        return rt.itemIndex;
      case '$now':
        return this.now();
      case '$today':
        return this.now().startOf('day');
      default: {
        const value = this.build(name, rt);
        rt.cache.set(name, value);
        return value;
      }
    }
  }

  private now(): DateTime {
    const ms = this.options.now ? this.options.now() : Date.now();
    return DateTime.fromMillis(ms, { zone: this.options.timezone ?? 'UTC' });
  }

  private build(name: string, rt: Runtime): unknown {
    const o = this.options;
    switch (name) {
      case '$':
        return hideSource((nodeName: unknown) => this.nodeProxy(String(nodeName), rt));
      case '$input':
        return this.inputProxy(rt);
      case '$node':
        return this.legacyNodes(rt);
      case '$items':
        return hideSource((nodeName?: unknown, outputIndex?: unknown, runIndex?: unknown) =>
          nodeName === undefined
            ? this.items
            : this.outputItems(
                String(nodeName),
                Number(outputIndex ?? 0),
                runIndex === undefined ? undefined : Number(runIndex),
              ),
        );
      case '$prevNode': {
        const src = o.source[0];
        return Object.freeze({
          name: src?.previousNode,
          outputIndex: src?.previousNodeOutput ?? 0,
          runIndex: src?.previousNodeRun ?? 0,
        });
      }
      case '$parameter':
        return o.node.parameters ?? EMPTY;
      case '$workflow':
        return Object.freeze({
          id: o.workflow.id,
          name: o.workflow.name,
          active: Reflect.get(o.workflow, 'active') === true,
        });
      case '$execution':
        return this.execution();
      case '$getWorkflowStaticData':
        return hideSource((type?: unknown) => {
          if (!o.staticData) throw runtimeError('$getWorkflowStaticData is not available here');
          return o.staticData(type);
        });
      case '$vars':
        return Object.freeze({ ...o.vars });
      case '$env':
        return Object.freeze({ ...o.env });
      case '$jmespath':
        return $jmespath;
      case '$if':
        return $if;
      case '$ifEmpty':
        return $ifEmpty;
      case '$max':
        return $max;
      case '$min':
        return $min;
      default:
        throw runtimeError(`${name} is not defined`);
    }
  }

  private execution(): unknown {
    const e = this.options.execution;
    const data = this.customData;
    return Object.freeze({
      id: e.id,
      mode: e.mode === 'manual' ? 'test' : 'production',
      resumeUrl: e.resumeUrl,
      customData: sealed({
        set: (key: unknown, value: unknown) => {
          data.set(String(key), String(value));
        },
        get: (key: unknown) => data.get(String(key)),
        setAll: (values: unknown) => {
          for (const [k, v] of Object.entries(Object(values))) data.set(k, String(v));
        },
        getAll: () => Object.fromEntries(data),
      }),
    });
  }

  private runs(nodeName: string): NodeRunRecord[] | undefined {
    return this.options.runData[nodeName];
  }

  private assertNode(nodeName: string): void {
    if (!this.options.workflow.nodes.some((n) => n.name === nodeName)) {
      throw new ExpressionError('EXPRESSION_RUNTIME', `Referenced node "${nodeName}" does not exist`, {
        description: 'Check the node name in $(…) / $node[…]: it must match a node of this workflow exactly.',
        details: { reason: 'nodeNotFound', referencedNode: nodeName },
      });
    }
  }

  /** A referenced node without run data: says whether it is not before this node at all or did not run. */
  private notExecuted(nodeName: string): ExpressionError {
    const current = this.options.node.name;
    const outputs = this.options.workflow.connections?.[nodeName]?.main ?? [];
    const upstream = this.reaches(
      outputs.flatMap((list) => list?.map((c) => c.node) ?? []),
      current,
    );
    if (!upstream) {
      return new ExpressionError(
        'EXPRESSION_RUNTIME',
        `Node "${nodeName}" is not connected before "${current}", so it has no data here (it hasn't been executed)`,
        {
          description: `An expression can read the nodes on a path leading to this node. Connect "${nodeName}" before "${current}", or read the data from a node that is.`,
          details: { reason: 'nodeNotUpstream', referencedNode: nodeName },
        },
      );
    }
    return new ExpressionError(
      'EXPRESSION_RUNTIME',
      `Node "${nodeName}" did not run in this execution, so it has no data (it hasn't been executed)`,
      {
        description: `"${nodeName}" is before "${current}", but the run did not pass through it (another branch was taken, or it had no input items). Check for its data with $("${nodeName}").isExecuted first.`,
        details: { reason: 'nodeNotExecuted', referencedNode: nodeName },
      },
    );
  }

  /** Output index of `nodeName` that leads (through connections) to the current node; 0 if none. */
  private branchTo(nodeName: string): number {
    const cached = this.branchCache.get(nodeName);
    if (cached !== undefined) return cached;
    const outputs = this.options.workflow.connections?.[nodeName]?.main ?? [];
    const target = this.options.node.name;
    let found = 0;
    for (let out = 0; out < outputs.length; out++) {
      if (this.reaches(outputs[out]?.map((c) => c.node) ?? [], target)) {
        found = out;
        break;
      }
    }
    this.branchCache.set(nodeName, found);
    return found;
  }

  private reaches(start: string[], target: string): boolean {
    const seen = new Set<string>();
    const queue = [...start];
    while (queue.length > 0) {
      const name = queue.shift()!;
      if (name === target) return true;
      if (seen.has(name)) continue;
      seen.add(name);
      for (const list of this.options.workflow.connections?.[name]?.main ?? []) {
        for (const c of list ?? []) queue.push(c.node);
      }
    }
    return false;
  }

  outputItems(nodeName: string, outputIndex?: number, runIndex?: number): readonly Item[] {
    this.assertNode(nodeName);
    const runs = this.runs(nodeName);
    if (!runs || runs.length === 0) throw this.notExecuted(nodeName);
    const run = runs[runIndex ?? runs.length - 1];
    if (!run) throw runtimeError(`Node "${nodeName}" has no run ${runIndex} (it ran ${runs.length} time(s))`);
    return run.data?.main?.[outputIndex ?? this.branchTo(nodeName)] ?? NO_ITEMS;
  }

  pairedItem(nodeName: string, itemIndex: number): Item {
    this.assertNode(nodeName);
    const key = `${nodeName}\u0000${itemIndex}`;
    const cached = this.pairedCache.get(key);
    if (cached) return cached;
    const runs = this.runs(nodeName);
    if (!runs || runs.length === 0) throw this.notExecuted(nodeName);
    const item = resolvePairedItem(this.options, nodeName, itemIndex);
    this.pairedCache.set(key, item);
    return item;
  }

  private nodeProxy(nodeName: string, rt: Runtime): unknown {
    const key = `$(${nodeName})`;
    const cached = rt.cache.get(key);
    if (cached !== undefined) return cached;
    this.assertNode(nodeName);
    const host = this;
    const node = this.options.workflow.nodes.find((n) => n.name === nodeName);
    const proxy = sealed({
      get item() {
        return host.pairedItem(nodeName, rt.itemIndex);
      },
      itemMatching: (index: unknown) => host.pairedItem(nodeName, Number(index)),
      pairedItem: (index?: unknown) =>
        host.pairedItem(nodeName, index === undefined ? rt.itemIndex : Number(index)),
      all: (branchIndex?: unknown, runIndex?: unknown) =>
        host.outputItems(nodeName, optionalNumber(branchIndex), optionalNumber(runIndex)),
      first: (branchIndex?: unknown, runIndex?: unknown) =>
        host.outputItems(nodeName, optionalNumber(branchIndex), optionalNumber(runIndex))[0],
      last: (branchIndex?: unknown, runIndex?: unknown) => {
        const items = host.outputItems(nodeName, optionalNumber(branchIndex), optionalNumber(runIndex));
        return items[items.length - 1];
      },
      get isExecuted() {
        return (host.runs(nodeName)?.length ?? 0) > 0;
      },
      get runIndex() {
        return Math.max(0, (host.runs(nodeName)?.length ?? 1) - 1);
      },
      params: node?.parameters ?? EMPTY,
      get context() {
        return host.context(nodeName);
      },
    });
    rt.cache.set(key, proxy);
    return proxy;
  }

  private inputProxy(rt: Runtime): unknown {
    const items = this.items;
    return sealed({
      get item() {
        return items[rt.itemIndex];
      },
      all: () => items,
      first: () => items[0],
      last: () => items[items.length - 1],
      params: this.options.node.parameters ?? EMPTY,
      context: Object.freeze({ noItemsLeft: false }),
    });
  }

  private legacyNodes(rt: Runtime): unknown {
    const out: Record<string, unknown> = {};
    for (const node of this.options.workflow.nodes) {
      const name = node.name;
      const host = this;
      Object.defineProperty(out, name, {
        enumerable: true,
        get() {
          return host.legacyNode(name, rt);
        },
      });
    }
    return Object.freeze(out);
  }

  private legacyNode(nodeName: string, rt: Runtime): unknown {
    const host = this;
    const node = this.options.workflow.nodes.find((n) => n.name === nodeName);
    const item = (): Item => {
      const items = host.outputItems(nodeName, 0);
      const found = items[rt.itemIndex];
      if (!found) {
        throw runtimeError(
          `"${nodeName}" returned ${items.length} item(s) but the expression asks for item ${rt.itemIndex}`,
          { description: `Use $('${nodeName}').item (paired item) or $('${nodeName}').first() instead.` },
        );
      }
      return found;
    };
    return Object.freeze({
      get json() {
        return item().json;
      },
      get binary() {
        return item().binary ?? EMPTY;
      },
      get data() {
        return item().json;
      },
      parameter: node?.parameters ?? EMPTY,
      get runIndex() {
        return Math.max(0, (host.runs(nodeName)?.length ?? 1) - 1);
      },
      get context() {
        return host.context(nodeName);
      },
    });
  }

  context(nodeName: string): unknown {
    const value = this.options.nodeContext?.(nodeName);
    return value !== null && typeof value === 'object' ? value : EMPTY;
  }
}

function optionalNumber(value: unknown): number | undefined {
  return value === undefined || value === null ? undefined : Number(value);
}
