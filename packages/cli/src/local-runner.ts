import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import {
  createEngine,
  createInProcessSubWorkflowRunner,
  type BinaryRef,
  type BinaryStore,
  type EngineEvent,
  GuixuError,
  type Item,
  type NodeServices,
  type RunState,
  systemClock,
  validateWorkflow,
  type Workflow,
  isRecord,
} from '@guixu/core';
import { builtinNodes, FsBinaryStore } from '@guixu/nodes';
import { CliError } from './command.ts';
import { parseJsonText } from './workflow-file.ts';

export interface LocalRunOptions {
  workflow: unknown;
  /** Path of the workflow file: sub-workflows by path resolve next to it. */
  file?: string;
  triggerItems?: Item[];
  /** Raw `--input` JSON, turned into trigger items (inline files are stored first); instead of `triggerItems`. */
  input?: unknown;
  destination?: string;
  signal?: AbortSignal;
  onEvent?: (event: EngineEvent) => void;
  /** Waits shorter than this are slept through in-process; longer ones end the run as `waiting`. */
  maxWaitMs?: number;
  dataDir?: string;
  env?: Record<string, string>;
  /** Credential data by credential name (from `--credentials file.json`). */
  credentials?: Record<string, Record<string, unknown>>;
}

export interface LocalRunResult {
  workflow: Workflow;
  state: RunState;
  warnings: string[];
}

export function defaultDataDir(env: NodeJS.ProcessEnv): string {
  return env.GUIXU_DATA_DIR ? resolve(env.GUIXU_DATA_DIR) : join(homedir(), '.guixu');
}

function isBinaryRef(value: Record<string, unknown>): value is Record<string, unknown> & BinaryRef {
  return (
    typeof value.id === 'string' &&
    value.id !== '' &&
    typeof value.mimeType === 'string' &&
    typeof value.fileSize === 'number'
  );
}

/** An item's `binary`: references to stored files, or n8n-style inline files (`{ data: <base64>, mimeType, fileName }`) stored now. */
async function toBinary(
  value: unknown,
  at: string,
  store: BinaryStore,
  executionId: string,
): Promise<Record<string, BinaryRef>> {
  if (!isRecord(value)) throw new CliError(`${at} must be an object of binary properties`, 2);
  const out: Record<string, BinaryRef> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (isRecord(entry) && isBinaryRef(entry)) {
      out[key] = { ...entry };
    } else if (isRecord(entry) && typeof entry.data === 'string' && entry.id === undefined) {
      const mimeType = typeof entry.mimeType === 'string' ? entry.mimeType : 'application/octet-stream';
      const fileName = typeof entry.fileName === 'string' ? entry.fileName : undefined;
      out[key] = await store.put(Buffer.from(entry.data, 'base64'), { mimeType, fileName, executionId });
    } else {
      throw new CliError(
        `${at}.${key} must be a stored file reference ({ id, mimeType, fileSize }) or an inline file ({ data: <base64>, mimeType, fileName })`,
        2,
      );
    }
  }
  return out;
}

/** Turns `--input` JSON (an object or an array of objects/items) into trigger items. */
export async function toTriggerItems(
  value: unknown,
  store: BinaryStore,
  executionId: string,
): Promise<Item[]> {
  const list = Array.isArray(value) ? value : [value];
  const items: Item[] = [];
  for (let i = 0; i < list.length; i++) {
    const entry: unknown = list[i];
    if (!isRecord(entry)) {
      throw new CliError(`--input item ${i} must be a JSON object, got ${JSON.stringify(entry)}`, 2);
    }
    if (!isRecord(entry.json)) {
      items.push({ json: toJsonObject(entry) });
      continue;
    }
    const item: Item = { json: toJsonObject(entry.json) };
    if (entry.binary !== undefined) {
      item.binary = await toBinary(entry.binary, `--input item ${i} binary`, store, executionId);
    }
    items.push(item);
  }
  return items;
}

/** Parsed JSON objects are JSON objects: this only narrows the type. */
function toJsonObject(value: Record<string, unknown>): Item['json'] {
  const out: Item['json'] = {};
  Object.assign(out, value);
  return out;
}

/** Reads `--credentials`: a JSON object of credential name → field values. */
export function toCredentials(value: unknown, label: string): Record<string, Record<string, unknown>> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CliError(`${label} must be a JSON object of credential name → fields`, 2);
  }
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, fields] of Object.entries(value)) {
    if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
      throw new CliError(`${label}: credential "${name}" must be an object of fields`, 2);
    }
    out[name] = { ...fields };
  }
  return out;
}

/** n8n exports name their nodes `n8n-nodes-base.*` / `@n8n/*`: point at the importer instead of listing every node. */
export function importHint(document: unknown, label: string): string {
  if (document === null || typeof document !== 'object' || !('nodes' in document)) return '';
  const { nodes } = document;
  if (!Array.isArray(nodes)) return '';
  const fromN8n = nodes.some(
    (n: unknown) =>
      n !== null &&
      typeof n === 'object' &&
      'type' in n &&
      typeof n.type === 'string' &&
      /^(n8n-nodes-base\.|@n8n\/)/.test(n.type),
  );
  return fromN8n
    ? `\nThis looks like an n8n workflow; convert it first with \`guixu import n8n ${label}\`.`
    : '';
}

/** Runs a workflow document in this process, the way the CLI does. */
export async function runLocalWorkflow(options: LocalRunOptions): Promise<LocalRunResult> {
  const registry = await builtinNodes();
  const validation = validateWorkflow(options.workflow, registry);
  // As in n8n, a broken expression fails its node when the node runs; a branch that never runs does not stop the workflow.
  const deferred = validation.errors.filter((e) => e.code.startsWith('EXPRESSION_'));
  const blocking = validation.errors.filter((e) => !e.code.startsWith('EXPRESSION_'));
  if (!validation.workflow || blocking.length > 0) {
    const label = options.file ?? 'workflow';
    const lines = validation.errors.map((e) => (e.path ? `  ${e.path}: ${e.message}` : `  ${e.message}`));
    throw new CliError(
      `${label} is not a valid workflow:\n${lines.join('\n')}${importHint(options.workflow, label)}`,
      2,
    );
  }
  const workflow = validation.workflow;
  if (options.destination && !workflow.nodes.some((n) => n.name === options.destination)) {
    throw new CliError(`--to names "${options.destination}", which is not a node in this workflow`, 2);
  }
  const baseDir = options.file ? dirname(options.file) : process.cwd();
  const services: NodeServices = {
    binary: new FsBinaryStore(options.dataDir ?? defaultDataDir(process.env)),
    clock: systemClock,
  };
  const credentials = options.credentials;
  const engine = createEngine({
    registry,
    services,
    env: options.env,
    credentials: {
      async get(request) {
        const data = credentials?.[request.ref.name];
        if (!data) {
          throw new GuixuError(
            'CREDENTIAL_NOT_FOUND',
            `Node "${request.node}" uses credential "${request.ref.name}", which was not given`,
            {
              node: request.node,
              description:
                'From the CLI, pass --credentials creds.json with {"<credential name>": {<fields>}}; the server stores them encrypted.',
            },
          );
        }
        return data;
      },
    },
  });
  services.subWorkflows = createInProcessSubWorkflowRunner({
    engine,
    // A sub-workflow's short time waits are slept through like the parent's own.
    maxWaitMs: options.maxWaitMs ?? 60_000,
    async loadWorkflow(ref) {
      const path = ref.path ?? (ref.id ? `${ref.id}.json` : undefined);
      if (!path)
        throw new GuixuError('SUBWORKFLOW_NOT_FOUND', 'The sub-workflow has neither a path nor an id');
      const file = resolve(baseDir, path);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch {
        throw new GuixuError('SUBWORKFLOW_NOT_FOUND', `Sub-workflow file not found: ${file}`, {
          description:
            'From the CLI, sub-workflows are files; an id "abc" means the file abc.json next to the parent.',
        });
      }
      let document: unknown;
      try {
        document = parseJsonText(text, file);
      } catch (error) {
        throw new GuixuError(
          'SUBWORKFLOW_INVALID',
          `Sub-workflow ${error instanceof Error ? error.message : file}`,
        );
      }
      const child = validateWorkflow(document, registry);
      if (!child.workflow || child.errors.length > 0) {
        throw new GuixuError(
          'SUBWORKFLOW_INVALID',
          `Sub-workflow ${file} is not valid: ${child.errors[0]?.message}`,
        );
      }
      return child.workflow;
    },
  });
  const executionId = randomUUID();
  const triggerItems =
    options.input !== undefined
      ? await toTriggerItems(options.input, services.binary, executionId)
      : options.triggerItems;
  let state = engine.start(workflow, {
    executionId,
    mode: 'cli',
    triggerItems,
    destination: options.destination,
  });
  const runOptions = { signal: options.signal, onEvent: options.onEvent };
  state = await engine.run(workflow, state, runOptions);
  const maxWait = options.maxWaitMs ?? 60_000;
  while (state.status === 'waiting' && state.waitTill) {
    const delay = Date.parse(state.waitTill) - Date.now();
    if (delay > maxWait) break;
    await systemClock.sleep(Math.max(0, delay), options.signal).catch(() => undefined);
    // Ctrl-C while sleeping through a wait cancels the run (exit 130), it does not leave it waiting.
    if (options.signal?.aborted) {
      state = await engine.cancel(state, runOptions);
      break;
    }
    state = await engine.resume(workflow, state, { reason: 'time' }, runOptions);
  }
  const warnings = [...deferred, ...validation.warnings].map((w) => `${w.path}: ${w.message}`);
  return { workflow, state, warnings };
}
