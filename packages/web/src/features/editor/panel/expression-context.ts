import type { RunData } from '@guixu/core';
import { type Ref, ref } from 'vue';
import type { ExpressionContext, PreviewItem, PreviewResult } from '../../forms/expression/context.ts';
import type { WorkflowDoc } from '../model/document.ts';
import { parentsOf } from '../model/operations.ts';
import { type ExecutionDetail, lastRun, toEngineItems, toEngineRunData } from '../run/run-data.ts';

type Interpreter = typeof import('@guixu/core/expression');
let interpreter: Interpreter | undefined;
const interpreterReady = ref(false);

/**
 * The engine's interpreter (with Luxon and the parser) is its own chunk,
 * fetched when a node panel opens, so opening a workflow does not wait for it.
 */
export async function loadInterpreter(): Promise<void> {
  if (interpreter) return;
  interpreter = await import('@guixu/core/expression');
  interpreterReady.value = true;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Output 0 of a node: its pinned items, else its last run's. */
export function outputItems(
  doc: WorkflowDoc,
  runData: ExecutionDetail['runData'] | undefined,
  name: string,
): PreviewItem[] {
  return doc.pinData[name] ?? lastRun(runData, name)?.output[0] ?? [];
}

/**
 * Run data around one node for its expression fields: what it received in the
 * last run (or what its parent produced or has pinned), and the interpreter
 * the engine uses, so a preview shows what a run would compute.
 */
export function createExpressionContext(
  doc: () => WorkflowDoc,
  execution: () => ExecutionDetail | null,
  nodeName: () => string,
  visibleRunData: () => ExecutionDetail['runData'] | undefined = () => execution()?.runData,
): ExpressionContext & { ready: Ref<boolean> } {
  const runData = visibleRunData;
  const parent = () => parentsOf(doc(), nodeName())[0];
  const inputItems = (): PreviewItem[] => {
    const own = lastRun(runData(), nodeName())?.input[0];
    if (own && own.length > 0) return own;
    const p = parent();
    return p ? outputItems(doc(), runData(), p) : [];
  };
  return {
    ready: interpreterReady,
    inputItems,
    nodeNames() {
      const names = new Set([...Object.keys(runData() ?? {}), ...Object.keys(doc().pinData)]);
      names.delete(nodeName());
      return [...names];
    },
    nodeItems: (name) => outputItems(doc(), runData(), name),
    evaluate(source, itemIndex): PreviewResult {
      const d = doc();
      const node = d.nodes.find((n) => n.name === nodeName());
      if (!node) return { ok: false, message: 'node not found' };
      const engineRunData: RunData = toEngineRunData(runData() ?? {});
      for (const [name, items] of Object.entries(d.pinData)) {
        engineRunData[name] = [
          {
            startTime: 0,
            executionTime: 0,
            executionStatus: 'pinned',
            source: [],
            data: { main: [toEngineItems(items)] },
          },
        ];
      }
      const p = parent();
      if (!interpreter) return { ok: false, message: '…' };
      try {
        const env = interpreter.createExpressionEnv({
          workflow: {
            name: d.name,
            nodes: d.nodes,
            connections: d.connections,
            settings: d.settings,
            pinData: d.pinData,
          },
          runData: engineRunData,
          node,
          runIndex: 0,
          inputs: [toEngineItems(inputItems())],
          source: [p ? { previousNode: p } : null],
          execution: { id: execution()?.id ?? 'preview', mode: 'manual' },
        });
        return { ok: true, value: env.evaluate(source, itemIndex, 'preview') };
      } catch (error) {
        return { ok: false, message: messageOf(error) };
      }
    },
  };
}
