/**
 * Code node (n8n Code v2 parameters: mode, language, jsCode, pythonCode).
 * User code runs in an isolated-vm isolate inside a separate sandbox process
 * (see sandbox/), with time and memory limits; Python runs in Pyodide inside
 * such an isolate (sandbox/python/).
 * Deviations from n8n: `require` serves only a sandboxed `crypto`; `Buffer` covers
 * the common encodings only; of `this.helpers` only `getBinaryDataBuffer`; items
 * handed to user code carry no upstream `pairedItem`, and returned input items are
 * paired to the input they are (by identity); a returned `pairedItem` (with its
 * `sourceOverwrite`) is kept.
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
import { DateTime } from 'luxon';
import { invalidResult, sandboxError, userCodeError } from './code-errors.ts';
import { createLookupHandler } from './host-lookups.ts';
import { normalizeAllItems, normalizeEachItem, type PendingItem } from './normalize-result.ts';
import { sandboxLimits } from './sandbox/config.ts';
import type { CodeLanguage, CodeMode, SandboxConstants, SandboxJob } from './sandbox/protocol.ts';
import { codeSandbox, SandboxPool } from './sandbox/sandbox-client.ts';
import { sandboxTenantOf } from './sandbox/tenant.ts';

const DEFAULT_CODE = `// Loop over input items and add a new field called 'myNewField' to the JSON of each one
for (const item of $input.all()) {
  item.json.myNewField = 1;
}

return $input.all();`;

const DEFAULT_PYTHON_CODE = `# Loop over input items and add a new field called 'my_new_field' to the JSON of each one
for item in _input.all():
    item.json.my_new_field = 1
return _input.all()`;

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
      { value: 'python', label: 'Python', description: 'Python 3 in Pyodide (standard library only)' },
      {
        value: 'pythonNative',
        label: 'Python (Native)',
        description: "n8n's native Python; runs in Pyodide here, like Python",
      },
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
    default: DEFAULT_PYTHON_CODE,
    description:
      "Python to run. `_input`, `_json`, `_item`, `_items`, `_('Node')`, `_vars`, `_now`, `_getWorkflowStaticData()` and `print()` are available.",
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

const USES_STATIC_DATA = /getWorkflowStaticData/;

/** Puts the static data the code changed back into the run's (replacing each object's contents). */
function keepStaticData(ctx: NodeRunContext<CodeParams>, changed: SandboxConstants['staticData']): void {
  if (!changed) return;
  for (const type of ['global', 'node'] as const) {
    const live = ctx.workflowStaticData(type);
    for (const key of Object.keys(live)) delete live[key];
    Object.assign(live, JSON.parse(JSON.stringify(changed[type])));
  }
}

/** The run's start in the workflow's time zone, for Python's `_now` / `_today`. */
function pythonNow(millis: number, timezone: string | undefined): SandboxConstants['now'] {
  const now = DateTime.fromMillis(millis);
  const zoned = timezone ? now.setZone(timezone) : now;
  const at = zoned.isValid ? zoned : now;
  return {
    millis: at.toMillis(),
    offsetMinutes: at.offset,
    zone: at.zoneName ?? 'UTC',
    utc: at.zone.isUniversal && at.offset === 0,
  };
}

function constantsOf(
  ctx: NodeRunContext<CodeParams>,
  code: string,
  language: CodeLanguage,
): SandboxConstants {
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
  if (USES_STATIC_DATA.test(code)) {
    constants.staticData = { global: ctx.workflowStaticData('global'), node: ctx.workflowStaticData('node') };
  }
  if (language === 'python') constants.now = pythonNow(ctx.services.clock.now(), timezone);
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
  language: CodeLanguage,
): Promise<PendingItem[]> {
  const nodeName = ctx.node.name;
  const limits = sandboxLimits();
  const job: SandboxJob = {
    code,
    mode,
    itemsJson: JSON.stringify(
      ctx.items.map((item) => (item.binary ? { json: item.json, binary: item.binary } : { json: item.json })),
    ),
    constantsJson: JSON.stringify(constantsOf(ctx, code, language)),
    continueOnFail: ctx.continueOnFail(),
    limits,
  };
  const tenant = sandboxTenantOf(ctx.services, ctx.workflow.id);
  if (language === 'python') {
    job.language = 'python';
    job.tenant = tenant;
  }
  // A host may hand in its own pool (to size or shut it down); otherwise the process-wide one.
  const sandbox = ctx.services.codeSandbox instanceof SandboxPool ? ctx.services.codeSandbox : codeSandbox();
  const outcome = await sandbox.run({
    job,
    tenant,
    signal: ctx.signal,
    onLog: (level, message) => ctx.log(level, message),
    onLookup: createLookupHandler(ctx),
  });
  if (outcome.kind === 'failed') throw sandboxError(nodeName, outcome.failure, limits);
  const result = outcome.result;
  if (result.mode === 'all') {
    if ('error' in result) throw userCodeError(nodeName, result.error);
    keepStaticData(ctx, result.staticData);
    return normalizeAllItems(nodeName, result.value, result.pairs, ctx.items.length);
  }
  keepStaticData(ctx, result.staticData);
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
  description:
    'Run custom JavaScript or Python on the items, once for all of them or once for each, in a sandbox.',
  group: 'data',
  icon: 'code',
  defaultName: 'Code',
  inputs: ['main'],
  outputs: ['main'],
  params,
  docs: `Runs JavaScript you write, like n8n's Code node.

Mode "Run Once for All Items" runs the code once: read the items with \`$input.all()\` (or \`items\`) and return an array of items or plain objects (plain objects are wrapped as \`{ json }\`). Mode "Run Once for Each Item" runs the code per item: read \`$json\` / \`$input.item\` and return one object (or \`{ json, binary }\`); returning nothing drops the item.

Available: \`$input\` (all, first, last, item), \`$json\`, \`$binary\` (metadata), \`$('Node')\` (all, first, last, item, itemMatching, params, isExecuted), \`$node\`, \`$prevNode\`, \`$runIndex\`, \`$itemIndex\`, \`$workflow\`, \`$execution\`, \`$vars\`, \`$env\`, \`$now\`, \`$today\`, Luxon's \`DateTime\` / \`Duration\` / \`Interval\`, \`$getWorkflowStaticData('global' | 'node')\` (data kept between production executions of the workflow, saved when an execution succeeds; as in n8n, not saved by manual runs), \`$jmespath\`, \`$jinja(template, variables)\` (renders a Jinja2 template with nunjucks and its Jinja compatibility, no HTML escaping, inside the sandbox), \`$if\`, \`$ifEmpty\`, \`$max\`, \`$min\`, legacy \`$items()\`; \`setTimeout\` / \`setInterval\`, \`btoa\` / \`atob\`, \`Buffer\` (from / toString with utf8, base64, base64url, hex, latin1) and \`require('crypto')\` (randomUUID, randomBytes, createHash, createHmac). \`await\` and \`return\` work at the top level. \`console.log\` output goes to the node's logs.

The code runs in a V8 isolate in a separate sandbox process: no \`process\`, no other modules, no file system or network. Each run may take at most GUIXU_CODE_TIMEOUT_MS (default 60 s) and GUIXU_CODE_MEMORY_MB of memory (default 128 MB); going over stops the run with CODE_TIMEOUT or CODE_MEMORY_LIMIT. Errors thrown by the code end with \` [line N]\`. With "continue" error handling, a failure becomes an item \`{ error }\`, and returned items shaped \`{ error }\` go to the error output.

Binary data: keep an input item's \`binary\` entries as they are, or return \`{ data: <base64>, mimeType, fileName }\` to store new data. \`await this.helpers.getBinaryDataBuffer(itemIndex, propertyName)\` reads an input item's bytes as a \`Buffer\` (as in n8n).

Item links: a returned item's \`pairedItem\` (\`{ item, input?, sourceOverwrite? }\`, as in n8n) is kept, so \`$('Node').item\` downstream follows it.

Python (language "Python", or n8n's "Python (Native)") runs in Pyodide (CPython compiled to WebAssembly, standard library only, no package installs) inside the same sandbox processes, with the same time and memory limits (the memory limit caps both the isolate and Python's heap; at least 64 MB). The code is the body of a function, so \`return\` works at the top level. Available: \`_input\` (all, first, last, item), \`_items\` (all-items mode), \`_item\` and \`_json\` (per item), \`_itemIndex\`, \`_runIndex\`, \`_workflow\`, \`_execution\`, \`_('Node')\` (all, first, last, item, itemMatching, params, isExecuted), \`_vars\`, \`_env\`, \`_prevNode\`, \`_getWorkflowStaticData('global' | 'node')\` (the same data as JavaScript's \`$getWorkflowStaticData\`: a dict kept between production executions, saved when the run succeeds), \`_now\` and \`_today\` (the run's start, and that day's midnight, in the workflow's time zone, as n8n's Python has them: a Python \`datetime\` that also answers to Luxon's \`toISO()\`, \`toISODate()\`, \`toMillis()\`, \`toSeconds()\`, \`plus({...})\`, \`minus({...})\`, \`startOf(unit)\`, \`endOf(unit)\`, \`zoneName\` and \`offset\`, with the zone's offset at the run's start; returned, it is saved as its ISO text, ending in \`Z\` in the UTC zone as n8n prints it), \`_jmespath(data, search)\` (the same jmespath library as \`$jmespath\`, inside the sandbox). JSON objects are dicts whose keys also read as attributes (\`item.json.name\` and \`item["json"]["name"]\`). Return a list of dicts (each wrapped as \`{ json }\` unless it has one), one dict, or None. \`print()\` goes to the node's logs. Python has no file system of the host, no network and no processes; \`import js\` reaches only the sandbox's bare JavaScript engine. A warm interpreter serves one project at a time: the first Python run in a sandbox process (or after another project's run) takes a few seconds to start it.`,
  async run(ctx): Promise<NodeRunResult> {
    const { mode, language, jsCode, pythonCode } = ctx.params(0);
    const nodeName = ctx.node.name;
    const python = language === 'python' || language === 'pythonNative';
    if (ctx.items.length === 0) return { outputs: [[]] };
    let pending: PendingItem[];
    try {
      if (python) {
        pending = await runCode(ctx, mode, pythonCode, 'python');
      } else {
        if (mode === 'runOnceForEachItem') checkPerItemCode(nodeName, jsCode);
        pending = await runCode(ctx, mode, jsCode, 'javaScript');
      }
    } catch (error) {
      // The errors are worded once for both languages; a Python one points at the Python code.
      if (python && error instanceof GuixuError && error.parameter === 'jsCode')
        error.parameter = 'pythonCode';
      const stops = !(error instanceof GuixuError) || error.code === 'EXECUTION_CANCELED';
      if (stops || !ctx.continueOnFail()) throw error;
      pending = [failureItem(error.message)];
    }
    return { outputs: [await storeInlineBinary(ctx, pending)] };
  },
});
