import { copyJson } from '../../../api/json.ts';
import { executionRoutes, type ResponseOf, webhookRoutes, workflowRoutes } from '@guixu/api';
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, triggerRef } from 'vue';
import { ApiError } from '../../../api/api-error.ts';
import { call } from '../../../api/client.ts';
import type { PushEvent } from '../../../api/push-events.ts';
import { type PushSubscription, watchPush } from '../../../api/push.ts';
import type { NodeStatus } from '../canvas/canvas-model.ts';
import type { WorkflowNode } from '@guixu/core/workflow-schema';
import type { Endpoint, PinnedItem, WorkflowDoc } from '../model/document.ts';
import { copyNodes, pasteNodes } from '../model/clipboard.ts';
import { History } from '../model/history.ts';
import { layoutPositions, loadDagre } from '../model/layout.ts';
import * as ops from '../model/operations.ts';
import type { NodeType } from '../model/node-types.ts';
import { type ExecutionDetail, statusFromRunData } from '../run/run-data.ts';
import { checkpoints, replayPinData, runDataAt } from '../run/time-travel.ts';

export type WorkflowRecord = ResponseOf<typeof workflowRoutes.get>;

function toDoc(source: {
  name: string;
  nodes: WorkflowDoc['nodes'];
  connections: WorkflowDoc['connections'];
  settings: WorkflowDoc['settings'];
  pinData?: WorkflowDoc['pinData'] | null;
}): WorkflowDoc {
  return copyJson({
    name: source.name,
    nodes: source.nodes,
    connections: source.connections,
    settings: source.settings,
    pinData: source.pinData ?? {},
  });
}

/** The part of the canvas on screen, in canvas coordinates (pastes land in it). */
export interface ViewRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const TERMINAL = new Set(['success', 'error', 'canceled']);

/**
 * The open workflow: its document, unsaved changes, the run in progress and
 * the last run's data. The canvas and panels emit intents; these actions
 * apply them to the document.
 */
export const useEditorStore = defineStore('editor', () => {
  const record = shallowRef<WorkflowRecord | null>(null);
  // Shallow: a 300-node document is not worth 300 deep proxies; every change goes through touch().
  const doc = shallowRef<WorkflowDoc>({ name: '', nodes: [], connections: {}, settings: {}, pinData: {} });
  /** Bumped on every change, for views that receive the document as a prop. */
  const revision = ref(0);
  const dirty = ref(false);
  const readOnly = ref(false);
  const selected = ref<string[]>([]);
  const openNode = ref<string | null>(null);
  const status = ref<Record<string, NodeStatus>>({});
  const execution = shallowRef<ExecutionDetail | null>(null);
  const runningId = ref<string | null>(null);
  /** Time travel: the checkpoint shown (null: the whole run). */
  const travelStep = ref<number | null>(null);
  const runData = computed(() => {
    const all = execution.value?.runData;
    if (!all || travelStep.value === null) return all;
    return runDataAt(all, travelStep.value);
  });
  const steps = computed(() => (execution.value ? checkpoints(execution.value.runData) : []));
  const running = computed(() => runningId.value !== null);
  /** Listening for one call to the test webhook URL: until when (ISO time), or null. */
  const listeningUntil = ref<string | null>(null);
  let listenTimer: ReturnType<typeof setTimeout> | undefined;
  let history = new History('');
  const canUndo = ref(false);
  const canRedo = ref(false);
  let push: PushSubscription | undefined;
  let pushReady: Promise<void> = Promise.resolve();
  let poll: ReturnType<typeof setInterval> | undefined;

  function reset() {
    // Leaving the workflow ends its test-call listener on the server too.
    const listening = record.value && listeningUntil.value !== null ? record.value.id : null;
    if (listening)
      void call(webhookRoutes.stopListening, { params: { id: listening } }).catch(() => undefined);
    stopListeningLocally();
    push?.close();
    push = undefined;
    clearInterval(poll);
    selected.value = [];
    openNode.value = null;
    status.value = {};
    execution.value = null;
    runningId.value = null;
    travelStep.value = null;
    dirty.value = false;
  }

  async function load(id: string) {
    reset();
    readOnly.value = false;
    const workflow = await call(workflowRoutes.get, { params: { id }, query: {} });
    record.value = workflow;
    revision.value++;
    doc.value = toDoc(workflow);
    startHistory();
    pushReady = new Promise((resolve) => {
      push = watchPush({ workflowId: id }, onPush, resolve);
      setTimeout(resolve, 3000);
    });
  }

  /** An execution on the canvas, read-only, with every node's data. */
  async function loadExecution(id: string) {
    reset();
    readOnly.value = true;
    const detail = await call(executionRoutes.get, { params: { id } });
    record.value = null;
    revision.value++;
    doc.value = toDoc(detail.workflow ?? { name: id, nodes: [], connections: {}, settings: {} });
    execution.value = detail;
    status.value = statusFromRunData(detail.runData);
    if (!TERMINAL.has(detail.status)) {
      runningId.value = id;
      push = watchPush({ executionId: id }, onPush);
      // It may finish before the socket subscribes: polling catches that end too.
      poll = setInterval(() => void finish(id), 1500);
    }
  }

  function syncHistory() {
    canUndo.value = history.canUndo;
    canRedo.value = history.canRedo;
  }

  function startHistory() {
    history = new History(JSON.stringify(doc.value));
    syncHistory();
  }

  /** After every change; `separate`: a change of its own for undo (not merged with quick edits around it). */
  function touch(separate = false) {
    revision.value++;
    triggerRef(doc);
    if (readOnly.value) return;
    dirty.value = true;
    history.record(JSON.stringify(doc.value), Date.now(), separate);
    syncHistory();
  }

  function applySnapshot(snapshot: string | undefined) {
    if (snapshot === undefined || readOnly.value) return;
    doc.value = JSON.parse(snapshot);
    revision.value++;
    dirty.value = true;
    selected.value = selected.value.filter((name) => doc.value.nodes.some((n) => n.name === name));
    if (openNode.value && !doc.value.nodes.some((n) => n.name === openNode.value)) openNode.value = null;
    syncHistory();
  }
  const undo = () => applySnapshot(history.undo());
  const redo = () => applySnapshot(history.redo());

  function copySelection(): string | null {
    return copyNodes(doc.value, selected.value);
  }

  /** Pastes workflow JSON below-right of the current nodes; false when the text is not a workflow. */
  function paste(text: string, view?: ViewRect): boolean {
    if (readOnly.value) return false;
    const names = pasteNodes(doc.value, text, { x: 40, y: 40 }, view);
    if (names === null) return false;
    selected.value = names;
    touch(true);
    return true;
  }

  /**
   * Pastes nodes copied in n8n's editor: the server's n8n importer maps them
   * (the same mapping as importing a file) and they are pasted like our own.
   */
  async function pasteForeign(
    text: string,
    format: 'n8n',
    view?: ViewRect,
  ): Promise<{ names: string[]; warnings: string[] }> {
    if (readOnly.value) return { names: [], warnings: [] };
    const converted = await call(workflowRoutes.convert, { body: { workflow: text, format } });
    const names = pasteNodes(
      doc.value,
      JSON.stringify({ nodes: converted.workflow.nodes, connections: converted.workflow.connections }),
      { x: 40, y: 40 },
      view,
    );
    if (names === null) return { names: [], warnings: converted.warnings };
    selected.value = names;
    touch(true);
    return { names, warnings: converted.warnings };
  }

  /** Auto-layout (dagre, fetched on first use): one undoable change. */
  async function tidyUp() {
    if (readOnly.value || doc.value.nodes.length === 0) return;
    const positions = layoutPositions(await loadDagre(), doc.value);
    for (const node of doc.value.nodes) {
      const at = positions.get(node.name);
      if (at) node.position = at;
    }
    touch(true);
  }

  function updateNode(name: string, patch: Partial<WorkflowNode>) {
    const node = doc.value.nodes.find((n) => n.name === name);
    if (!node) return;
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined || value === false || value === '') Reflect.deleteProperty(node, key);
      else Reflect.set(node, key, value);
    }
    touch();
  }

  function addNode(type: NodeType, position: { x: number; y: number }, parameters: Record<string, unknown>) {
    const node = ops.addNode(doc.value, {
      name: type.defaultName,
      type: type.type,
      typeVersion: type.defaultVersion,
      position: [Math.round(position.x), Math.round(position.y)],
      parameters,
    });
    touch(true);
    return node;
  }

  function connect(from: Endpoint, to: Endpoint) {
    if (ops.connect(doc.value, from, to)) touch(true);
  }
  function disconnect(from: Endpoint, to: Endpoint) {
    ops.disconnect(doc.value, from, to);
    touch(true);
  }
  function removeNodes(names: string[]) {
    if (names.length === 0) return;
    ops.removeNodes(doc.value, names);
    selected.value = selected.value.filter((n) => !names.includes(n));
    if (openNode.value && names.includes(openNode.value)) openNode.value = null;
    touch(true);
  }
  function moveNode(name: string, x: number, y: number) {
    const node = doc.value.nodes.find((n) => n.name === name);
    if (!node) return;
    node.position = [Math.round(x), Math.round(y)];
    touch(true);
  }
  function setParameters(name: string, parameters: Record<string, unknown>) {
    const node = doc.value.nodes.find((n) => n.name === name);
    if (!node) return;
    node.parameters = parameters;
    touch();
  }
  function renameNode(from: string, to: string): string {
    const name = ops.renameNode(doc.value, from, to);
    if (name !== from) {
      if (openNode.value === from) openNode.value = name;
      if (status.value[from]) {
        status.value[name] = status.value[from];
        delete status.value[from];
      }
      touch(true);
    }
    return name;
  }
  function toggleDisabled(name: string) {
    const node = doc.value.nodes.find((n) => n.name === name);
    if (!node) return;
    node.disabled = !node.disabled;
    touch(true);
  }
  function setPinData(name: string, items: PinnedItem[] | null) {
    ops.setPinData(doc.value, name, items);
    touch(true);
  }
  function rename(name: string) {
    doc.value.name = name;
    touch();
  }
  /** The workflow's settings (timezone, timeout, callbacks…) as a whole; one undo step. */
  function setSettings(settings: WorkflowDoc['settings']) {
    doc.value.settings = copyJson(settings);
    touch(true);
  }

  async function save(message?: string) {
    const current = record.value;
    if (!current || readOnly.value) return;
    const saved = await call(workflowRoutes.update, {
      params: { id: current.id },
      body: {
        name: doc.value.name,
        nodes: doc.value.nodes,
        connections: doc.value.connections,
        settings: doc.value.settings,
        pinData: Object.keys(doc.value.pinData).length > 0 ? doc.value.pinData : null,
        expectedVersion: current.version,
        ...(message ? { message } : {}),
      },
    });
    record.value = saved;
    dirty.value = false;
  }

  function stopListeningLocally() {
    clearTimeout(listenTimer);
    listeningUntil.value = null;
  }

  /**
   * Listens for one call to the test webhook URL with the document as it is
   * (unsaved changes included); the call's run shows live, and its data
   * becomes the nodes' output, as a run from the editor does.
   */
  async function listenForTestCall(timeoutSeconds = 120) {
    const current = record.value;
    if (!current || readOnly.value || running.value) return;
    await pushReady;
    const answer = await call(webhookRoutes.listen, {
      params: { id: current.id },
      body: {
        workflow: {
          name: doc.value.name,
          nodes: doc.value.nodes,
          connections: doc.value.connections,
          settings: doc.value.settings,
          ...(Object.keys(doc.value.pinData).length > 0 ? { pinData: doc.value.pinData } : {}),
        },
        timeoutSeconds,
      },
    });
    listeningUntil.value = answer.expiresAt;
    clearTimeout(listenTimer);
    listenTimer = setTimeout(stopListeningLocally, Math.max(0, Date.parse(answer.expiresAt) - Date.now()));
  }

  async function stopListening() {
    const current = record.value;
    stopListeningLocally();
    if (current) await call(webhookRoutes.stopListening, { params: { id: current.id } });
  }

  function onPush(event: PushEvent) {
    if (!('executionId' in event) || typeof event.executionId !== 'string') return;
    // The test call arrived: follow its run as if Run had been pressed.
    if (event.type === 'executionStarted' && listeningUntil.value !== null && runningId.value === null) {
      stopListeningLocally();
      status.value = {};
      runningId.value = event.executionId;
      clearInterval(poll);
      poll = setInterval(() => void finish(event.executionId), 1500);
      return;
    }
    if (runningId.value !== null && event.executionId !== runningId.value) return;
    switch (event.type) {
      case 'nodeStarted':
        status.value = { ...status.value, [event.node]: { state: 'running' } };
        break;
      case 'nodeFinished':
        status.value = {
          ...status.value,
          [event.node]: {
            state: event.status === 'error' ? 'error' : event.status === 'pinned' ? 'pinned' : 'success',
            itemCounts: event.itemCounts,
            ...(event.error ? { message: event.error.message } : {}),
          },
        };
        break;
      case 'executionFinished':
        void finish(event.executionId);
        break;
      default:
        break;
    }
  }

  async function finish(id: string) {
    if (runningId.value !== id) return;
    const detail = await call(executionRoutes.get, { params: { id } }).catch(() => null);
    if (!detail || !TERMINAL.has(detail.status) || runningId.value !== id) return;
    clearInterval(poll);
    execution.value = detail;
    status.value = statusFromRunData(detail.runData);
    runningId.value = null;
  }

  /** Saves when needed, then runs the saved workflow (whole, or up to `destination`). */
  async function run(destination?: string) {
    const current = record.value;
    if (!current || running.value) return;
    if (dirty.value) await save();
    await pushReady;
    status.value = {};
    runningId.value = 'pending';
    try {
      const started = await call(executionRoutes.run, {
        params: { id: current.id },
        body: {
          ...(destination ? { destination } : {}),
          ...(Object.keys(doc.value.pinData).length > 0 ? { pinData: doc.value.pinData } : {}),
        },
      });
      runningId.value = started.executionId;
      clearInterval(poll);
      // The push socket drives the canvas; polling only makes sure a missed "finished" event cannot hang the run.
      poll = setInterval(() => void finish(started.executionId), 1500);
      if (TERMINAL.has(started.status)) await finish(started.executionId);
    } catch (error) {
      runningId.value = null;
      throw error;
    }
  }

  function travelTo(step: number | null) {
    travelStep.value = step;
    status.value = statusFromRunData(runData.value ?? {});
  }

  /** A new run of the workflow whose nodes before checkpoint `step` replay their recorded outputs. */
  async function rerunFrom(step: number): Promise<string | null> {
    const detail = execution.value;
    if (!detail?.workflowId) return null;
    const started = await call(executionRoutes.run, {
      params: { id: detail.workflowId },
      body: { pinData: replayPinData(detail.runData, step) },
    });
    return started.executionId;
  }

  async function restoreVersion(version: number) {
    const current = record.value;
    if (!current) return;
    const restored = await call(workflowRoutes.restoreVersion, {
      params: { id: current.id, version },
      body: {},
    });
    record.value = restored;
    revision.value++;
    doc.value = toDoc(restored);
    startHistory();
    dirty.value = false;
  }

  function conflict(error: unknown): boolean {
    return error instanceof ApiError && error.status === 409;
  }

  return {
    record,
    doc,
    revision,
    dirty,
    readOnly,
    selected,
    openNode,
    status,
    execution,
    runData,
    steps,
    travelStep,
    travelTo,
    rerunFrom,
    running,
    runningId,
    load,
    loadExecution,
    reset,
    addNode,
    connect,
    disconnect,
    removeNodes,
    moveNode,
    setParameters,
    renameNode,
    toggleDisabled,
    updateNode,
    setPinData,
    rename,
    setSettings,
    save,
    run,
    restoreVersion,
    conflict,
    undo,
    redo,
    canUndo,
    canRedo,
    copySelection,
    paste,
    pasteForeign,
    listeningUntil,
    tidyUp,
    listenForTestCall,
    stopListening,
  };
});
