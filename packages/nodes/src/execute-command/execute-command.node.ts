import { exec } from 'node:child_process';
import { defineNode, GuixuError, type Item, NodeOperationError, p } from '@guixu/core';

/**
 * Execute Command, parameters as n8n's Execute Command v1: runs a shell command on
 * the server and outputs `{ exitCode, stderr, stdout }` (trimmed), once or per item.
 * A command that fails (non-zero exit) fails the item, as in n8n.
 * Deviations, for safety: the node is disabled unless the instance sets
 * GUIXU_ALLOW_EXECUTE_COMMAND=true (n8n 2 also leaves it out by default), and the
 * command gets a minimal environment (PATH, HOME, LANG, TZ), never the server's
 * secrets. It stops with the execution (cancel, timeout).
 */

const MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
const PASSED_ENV = ['PATH', 'HOME', 'LANG', 'TZ'];

export function executeCommandAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.GUIXU_ALLOW_EXECUTE_COMMAND?.trim().toLowerCase() === 'true';
}

interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  error?: Error;
}

function runCommand(command: string, signal: AbortSignal): Promise<CommandResult> {
  const env: NodeJS.ProcessEnv = {};
  for (const name of PASSED_ENV) if (process.env[name] !== undefined) env[name] = process.env[name];
  return new Promise((resolve) => {
    exec(command, { env, signal, maxBuffer: MAX_OUTPUT_BYTES }, (error, stdout, stderr) => {
      const code = error && typeof error.code === 'number' ? error.code : 0;
      resolve({
        exitCode: code,
        stdout: String(stdout).trim(),
        stderr: String(stderr).trim(),
        ...(error ? { error } : {}),
      });
    });
  });
}

export default defineNode({
  type: 'guixu.executeCommand',
  version: 1,
  displayName: 'Execute Command',
  description: 'Runs a shell command on the server (only where the instance allows it).',
  group: 'data',
  icon: 'terminal',
  defaultName: 'Execute Command',
  inputs: ['main'],
  outputs: ['main'],
  params: {
    executeOnce: p.boolean({
      label: 'Execute once',
      description: 'Whether to run the command only once instead of once for each item',
      default: true,
    }),
    command: p.string({
      label: 'Command',
      description: 'The command to run in a shell (/bin/sh)',
      placeholder: 'echo "test"',
      required: true,
      rows: 5,
    }),
  },
  docs: `Runs a command in a shell (\`/bin/sh\`) on the server and outputs \`{ exitCode, stderr, stdout }\` (trimmed), like n8n's Execute Command. With "Execute once" (the default) it runs once for the first item; otherwise once per item. A command that exits with a non-zero code fails the item (with "continue" error handling it becomes \`{ error }\`).

**Disabled by default**: commands run with the server's user rights, so an administrator must allow the node by setting \`GUIXU_ALLOW_EXECUTE_COMMAND=true\`; otherwise a run fails with EXECUTE_COMMAND_DISABLED. The command gets only PATH, HOME, LANG and TZ from the server's environment (never its secrets), runs in the server's working directory, stops when the execution is canceled or times out, and may print at most 16 MB.`,
  async run(ctx) {
    if (!executeCommandAllowed()) {
      throw new GuixuError('EXECUTE_COMMAND_DISABLED', 'Execute Command is disabled on this instance', {
        node: ctx.node.name,
        description:
          'Commands run on the server with its rights, so the node is off unless an administrator sets GUIXU_ALLOW_EXECUTE_COMMAND=true.',
      });
    }
    const once = ctx.params(0).executeOnce;
    const items = once ? ctx.items.slice(0, 1) : ctx.items;
    const out: Item[] = [];
    for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
      try {
        const { command } = ctx.params(itemIndex);
        const result = await runCommand(command, ctx.signal);
        if (ctx.signal.aborted) throw ctx.signal.reason;
        if (result.error) {
          throw new NodeOperationError(ctx.node.name, result.error.message.trim(), {
            details: { itemIndex, exitCode: result.exitCode, stderr: result.stderr },
          });
        }
        const { exitCode, stderr, stdout } = result;
        out.push({ json: { exitCode, stderr, stdout }, pairedItem: { item: itemIndex } });
      } catch (error) {
        if (!ctx.continueOnFail() || !(error instanceof GuixuError) || ctx.signal.aborted) throw error;
        out.push({ json: { error: error.message }, pairedItem: { item: itemIndex } });
      }
    }
    return [out];
  },
});
