/**
 * Code node (n8n Code v2 parameters: mode, language, jsCode, pythonCode).
 * User code runs in an isolated-vm isolate inside a separate sandbox process
 * (see sandbox/), with time and memory limits.
 * Deviations from n8n: Python is refused with a clear error (no safe Python
 * runtime here); `require` serves only a sandboxed `crypto`; `Buffer` covers
 * the common encodings only; `$getWorkflowStaticData` and `helpers` are not
 * available; items handed to user code carry no upstream `pairedItem`, and
 * returned input items are paired to the input they are (by identity).
 */
import {
  defineNode,
  GuixuError,
  type Item,
  type NodeRunContext,
  type NodeRunResult,
  p,
  type ParamsOf,
} from '@guixu/core';
import { invalidResult, sandboxError, userCodeError } from './code-errors.ts';
import { createLookupHandler } from './host-lookups.ts';
import { normalizeAllItems, normalizeEachItem, type PendingItem } from './normalize-result.ts';
import { sandboxLimits } from './sandbox/config.ts';
import type { CodeMode, SandboxConstants, SandboxJob } from './sandbox/protocol.ts';
import { codeSandbox, SandboxPool } from './sandbox/sandbox-client.ts';

const DEFAULT_CODE = `// Loop over input items and add a new field called 'myNewField' to the JSON of each one
for (const item of $input.all()) {
  item.json.myNewField = 1;
}

return $input.all();`;

const params = {
  mode: p.options({
    label: 'Mode',
    options: [
      {
        value: 'runOnceForAllItems',
        label: 'Run Once for All Items',
        description: 'Run this code only once, no matter how many input items there are',
      },
      {
        value: 'runOnceForEachItem',
        label: 'Run Once for Each Item',
        description: 'Run this code as many times as there are input items',
      },
    ],
    default: 'runOnceForAllItems',
    noExpression: true,
  }),
  language: p.options({
    label: 'Language',
    options: [
      { value: 'javaScript', label: 'JavaScript' },
      { value: 'python', label: 'Python (Beta)', description: 'Not supported in this build' },
      { value: 'pythonNative', label: 'Python (Native)', description: 'Not supported in this build' },
    ],
    default: 'javaScript',
    noExpression: true,
  }),
  jsCode: p.code({
    label: 'JavaScript',
    language: 'javascript',
    default: DEFAULT_CODE,
    description:
      "JavaScript to run. `$input`, `$json`, `$('Node')`, `$now`, `DateTime`, `$jmespath` and `console.log()` are available.",
    displayOptions: { show: { language: ['javaScript'] } },
  }),
  pythonCode: p.code({
    label: 'Python',
    language: 'python',
    default: '',
    description: 'Kept from imported workflows; Python cannot run in this build.',
    displayOptions: { show: { language: ['python', 'pythonNative'] } },
  }),
  notice: p.notice({
    label:
      "Type $ for a list of special variables. console.log() output is shown in the node's logs. Code runs in a sandbox with time and memory limits.",
  }),
};

type CodeParams = ParamsOf<typeof params>;

const DISALLOWED_PER_ITEM = /\$input\.(first|last|all|itemMatching)/;

/** n8n refuses whole-input methods in per-item mode before running anything. */
function checkPerItemCode(node: string, code: string): void {
  const method = code.match(DISALLOWED_PER_ITEM)?.[1];
  if (!method) return;
  const lineNumber =
    code.split('\n').findIndex((line) => line.includes(method) && !/^\s*(\/\/|\*)/.test(line)) + 1;
  if (lineNumber === 0) return;
  throw invalidResult(
    node,
    `Can't use .${method}() here`,
    "This is only available in 'Run Once for All Items' mode",
    {
      lineNumber,
      itemIndex: 0,
    },
  );
}

function constantsOf(ctx: NodeRunContext<CodeParams>): SandboxConstants {
  const constants: SandboxConstants = {
    nodeName: ctx.node.name,
    runIndex: ctx.runIndex,
    workflow: { name: ctx.workflow.name, active: false },
    execution: { id: ctx.execution.id, mode: ctx.execution.mode },
  };
  if (ctx.workflow.id !== undefined) constants.workflow.id = ctx.workflow.id;
  if (ctx.execution.resumeUrl !== undefined) constants.execution.resumeUrl = ctx.execution.resumeUrl;
  const timezone = ctx.workflow.settings?.timezone;
  if (timezone) constants.timezone = timezone;
  return constants;
}

async function storeInlineBinary(ctx: NodeRunContext<CodeParams>, pending: PendingItem[]): Promise<Item[]> {
  const items: Item[] = [];
  for (const { item, inline } of pending) {
    if (inline) {
      item.binary ??= {};
      for (const [key, entry] of Object.entries(inline)) {
        item.binary[key] = await ctx.services.binary.put(Buffer.from(entry.data, 'base64'), {
          mimeType: entry.mimeType ?? 'application/octet-stream',
          fileName: entry.fileName,
          executionId: ctx.execution.id,
        });
      }
    }
    items.push(item);
  }
  return items;
}

function failureItem(message: string, itemIndex?: number): PendingItem {
  const item: Item = { json: { error: message } };
  if (itemIndex !== undefined) item.pairedItem = { item: itemIndex };
  return { item };
}

async function runCode(
  ctx: NodeRunContext<CodeParams>,
  mode: CodeMode,
  code: string,
): Promise<PendingItem[]> {
  const nodeName = ctx.node.name;
  const limits = sandboxLimits();
  const job: SandboxJob = {
    code,
    mode,
    itemsJson: JSON.stringify(
      ctx.items.map((item) => (item.binary ? { json: item.json, binary: item.binary } : { json: item.json })),
    ),
    constantsJson: JSON.stringify(constantsOf(ctx)),
    continueOnFail: ctx.continueOnFail(),
    limits,
  };
  // A host may hand in its own pool (to size or shut it down); otherwise the process-wide one.
  const sandbox = ctx.services.codeSandbox instanceof SandboxPool ? ctx.services.codeSandbox : codeSandbox();
  const outcome = await sandbox.run({
    job,
    signal: ctx.signal,
    onLog: (level, message) => ctx.log(level, message),
    onLookup: createLookupHandler(ctx),
  });
  if (outcome.kind === 'failed') throw sandboxError(nodeName, outcome.failure, limits);
  const result = outcome.result;
  if (result.mode === 'all') {
    if ('error' in result) throw userCodeError(nodeName, result.error);
    return normalizeAllItems(nodeName, result.value, result.pairs, ctx.items.length);
  }
  const out: PendingItem[] = [];
  result.results.forEach((entry, itemIndex) => {
    try {
      if ('error' in entry) throw userCodeError(nodeName, entry.error, itemIndex);
      const item = normalizeEachItem(nodeName, entry.value, itemIndex);
      if (item) out.push(item);
    } catch (error) {
      if (!ctx.continueOnFail() || !(error instanceof GuixuError)) throw error;
      out.push(failureItem(error.message, itemIndex));
    }
  });
  return out;
}

export default defineNode({
  type: 'guixu.code',
  version: [1, 2],
  displayName: 'Code',
  description: 'Run custom JavaScript on the items, once for all of them or once for each, in a sandbox.',
  group: 'data',
  icon: 'code',
  defaultName: 'Code',
  inputs: ['main'],
  outputs: ['main'],
  params,
  docs: `Runs JavaScript you write, like n8n's Code node.

Mode "Run Once for All Items" runs the code once: read the items with \`$input.all()\` (or \`items\`) and return an array of items or plain objects (plain objects are wrapped as \`{ json }\`). Mode "Run Once for Each Item" runs the code per item: read \`$json\` / \`$input.item\` and return one object (or \`{ json, binary }\`); returning nothing drops the item.

Available: \`$input\` (all, first, last, item), \`$json\`, \`$binary\` (metadata), \`$('Node')\` (all, first, last, item, itemMatching, params, isExecuted), \`$node\`, \`$prevNode\`, \`$runIndex\`, \`$itemIndex\`, \`$workflow\`, \`$execution\`, \`$vars\`, \`$env\`, \`$now\`, \`$today\`, Luxon's \`DateTime\` / \`Duration\` / \`Interval\`, \`$jmespath\`, \`$if\`, \`$ifEmpty\`, \`$max\`, \`$min\`, legacy \`$items()\`; \`setTimeout\` / \`setInterval\`, \`btoa\` / \`atob\`, \`Buffer\` (from / toString with utf8, base64, base64url, hex, latin1) and \`require('crypto')\` (randomUUID, randomBytes, createHash, createHmac). \`await\` and \`return\` work at the top level. \`console.log\` output goes to the node's logs.

The code runs in a V8 isolate in a separate sandbox process: no \`process\`, no other modules, no file system or network. Each run may take at most GUIXU_CODE_TIMEOUT_MS (default 60 s) and GUIXU_CODE_MEMORY_MB of memory (default 128 MB); going over stops the run with CODE_TIMEOUT or CODE_MEMORY_LIMIT. Errors thrown by the code end with \` [line N]\`. With "continue" error handling, a failure becomes an item \`{ error }\`, and returned items shaped \`{ error }\` go to the error output.

Binary data: keep an input item's \`binary\` entries as they are, or return \`{ data: <base64>, mimeType, fileName }\` to store new data. Python code is not supported in this build.`,
  async run(ctx): Promise<NodeRunResult> {
    const { mode, language, jsCode } = ctx.params(0);
    const nodeName = ctx.node.name;
    if (language !== 'javaScript') {
      throw new GuixuError(
        'CODE_LANGUAGE_UNSUPPORTED',
        'Python is not supported in this build; rewrite the code in JavaScript',
        { node: nodeName, parameter: 'language' },
      );
    }
    if (ctx.items.length === 0) return { outputs: [[]] };
    let pending: PendingItem[];
    try {
      if (mode === 'runOnceForEachItem') checkPerItemCode(nodeName, jsCode);
      pending = await runCode(ctx, mode, jsCode);
    } catch (error) {
      const stops = !(error instanceof GuixuError) || error.code === 'EXECUTION_CANCELED';
      if (stops || !ctx.continueOnFail()) throw error;
      pending = [failureItem(error.message)];
    }
    return { outputs: [await storeInlineBinary(ctx, pending)] };
  },
});
