/**
 * Code tool: JavaScript the agent can call, run in the Code node's sandbox (isolate in
 * a separate process, same time and memory limits, keyed by the workflow's project).
 * The model's arguments are `$json`; what the code returns goes back to the model.
 */
import { defineNode, GuixuError, p } from '@guixu/core';
import { sandboxError, userCodeError } from '../../code/code-errors.ts';
import { createLookupHandler } from '../../code/host-lookups.ts';
import { sandboxLimits } from '../../code/sandbox/config.ts';
import type { SandboxConstants } from '../../code/sandbox/protocol.ts';
import { codeSandbox, SandboxPool } from '../../code/sandbox/sandbox-client.ts';
import { sandboxTenantOf } from '../../code/sandbox/tenant.ts';
import type { AgentTool } from '../cluster/contracts.ts';
import { toJson } from '../cluster/json.ts';
import { schemaParam } from '../cluster/structured-answer.ts';
import { toolNameOf } from '../cluster/tool-name.ts';

const DEFAULT_CODE = `// The model's arguments are in $json.
return { words: String($json.query).split(/\\s+/).length };`;

export default defineNode({
  type: 'guixu.toolCode',
  version: 1,
  displayName: 'Code Tool',
  description:
    'A tool for an AI Agent: JavaScript run in the Code sandbox with the model’s arguments as $json.',
  group: 'ai',
  icon: 'code',
  inputs: [],
  outputs: [{ type: 'ai_tool', displayName: 'Tool' }],
  params: {
    name: p.string({ label: 'Name', description: 'How the model calls it (default: from the node name).' }),
    description: p.string({ label: 'Description', rows: 3, required: true }),
    jsCode: p.code({ label: 'JavaScript', language: 'javascript', default: DEFAULT_CODE }),
    inputSchema: p.json({
      label: 'Input Schema',
      default: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
    }),
  },
  run: () => [[]],
  supplyData(ctx, itemIndex): AgentTool {
    const params = ctx.params(itemIndex);
    const schema = params.inputSchema;
    const nodeName = ctx.node.name;
    return {
      kind: 'tool',
      name: toolNameOf(params.name, nodeName),
      description: params.description,
      inputSchema: schemaParam(schema, 'inputSchema'),
      async run(input, signal) {
        const limits = sandboxLimits();
        const constants: SandboxConstants = {
          nodeName,
          runIndex: ctx.runIndex,
          workflow: {
            name: ctx.workflow.name,
            active: false,
            ...(ctx.workflow.id ? { id: ctx.workflow.id } : {}),
          },
          execution: { id: ctx.execution.id, mode: ctx.execution.mode },
        };
        const sandbox =
          ctx.services.codeSandbox instanceof SandboxPool ? ctx.services.codeSandbox : codeSandbox();
        const outcome = await sandbox.run({
          job: {
            code: params.jsCode,
            mode: 'runOnceForEachItem',
            itemsJson: JSON.stringify([{ json: toJson(input) }]),
            constantsJson: JSON.stringify(constants),
            continueOnFail: false,
            limits,
          },
          tenant: sandboxTenantOf(ctx.services, ctx.workflow.id),
          signal,
          onLog: (level, message) => ctx.log(level, message),
          onLookup: createLookupHandler(ctx),
        });
        if (outcome.kind === 'failed') throw sandboxError(nodeName, outcome.failure, limits);
        const result = outcome.result;
        const entry = result.mode === 'each' ? result.results[0] : undefined;
        if (!entry)
          throw new GuixuError('CODE_RESULT_INVALID', 'The code tool returned nothing', { node: nodeName });
        if ('error' in entry) throw userCodeError(nodeName, entry.error);
        return toJson(entry.value);
      },
    };
  },
});
