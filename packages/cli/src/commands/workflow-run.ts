import { finalItems, type EngineEvent } from '@guixu/core';
import type { Colors } from '../colors.ts';
import { CliError, defineCommand } from '../command.ts';
import { runLocalWorkflow, toCredentials } from '../local-runner.ts';
import { readInputOption, readJsonFile } from '../workflow-file.ts';

function progress(paint: Colors, write: (line: string) => void) {
  const started = new Map<string, number>();
  return (event: EngineEvent) => {
    if (event.type === 'nodeStarted') {
      started.set(`${event.node}#${event.runIndex}`, performance.now());
    } else if (event.type === 'nodeFinished') {
      const t0 = started.get(`${event.node}#${event.runIndex}`) ?? performance.now();
      const ms = (performance.now() - t0).toFixed(1);
      const run = event.runIndex > 0 ? paint.dim(` (run ${event.runIndex + 1})`) : '';
      const items =
        event.itemCounts.length > 1 ? event.itemCounts.join(' / ') : String(event.itemCounts[0] ?? 0);
      if (event.status === 'error') {
        write(`${paint.red('✗')} ${event.node}${run} ${paint.red(event.error?.message ?? 'failed')}\n`);
      } else {
        const mark = event.status === 'waiting' ? paint.yellow('…') : paint.green('✓');
        const note = event.status === 'success' ? '' : paint.dim(` ${event.status}`);
        write(`${mark} ${event.node}${run} ${paint.dim(`${items} item(s) · ${ms} ms`)}${note}\n`);
      }
    } else if (event.type === 'executionWaiting') {
      write(
        `${paint.yellow('⏸')} waiting at "${event.node}"${event.waitTill ? ` until ${event.waitTill}` : ' for a call to resume it'}\n`,
      );
    }
  };
}

export const workflowRun = defineCommand({
  path: ['workflow', 'run'],
  summary: 'Run a workflow file and print its final items',
  usage: '<file>',
  options: {
    input: {
      type: 'string',
      short: 'i',
      description: 'Trigger input: JSON object/array, @file.json, or - for stdin',
    },
    to: { type: 'string', description: 'Run only up to this node (its ancestors and itself)' },
    json: {
      type: 'boolean',
      description: 'Print one JSON document (status, items, run data) and no progress',
    },
    'run-data': { type: 'boolean', description: 'With --json: include every node run' },
    'max-wait': {
      type: 'string',
      description: 'Sleep through Wait nodes shorter than this many seconds (default 60)',
    },
    quiet: { type: 'boolean', short: 'q', description: 'No progress lines' },
    credentials: {
      type: 'string',
      description:
        'JSON file of credential name → fields, for nodes that use credentials (or GUIXU_CREDENTIALS_FILE)',
    },
  },
  help: `Examples:
  guixu workflow run examples/hello.json --input '{"name":"Ada"}'
  guixu workflow run flow.json --input @items.json --json
Exit codes: 0 success, 1 the run failed (the message names the node), 2 bad input or invalid workflow, 3 left waiting, 130 interrupted.`,
  async run({ positionals, options }, io) {
    const path = positionals[0];
    if (!path) throw new CliError('Which workflow? Usage: guixu workflow run <file> [--input JSON]', 2);
    const { value, file } = await readJsonFile(path, io.cwd);
    const input =
      typeof options.input === 'string' ? await readInputOption(options.input, io.cwd) : undefined;
    const credentialsFile =
      typeof options.credentials === 'string' ? options.credentials : io.env.GUIXU_CREDENTIALS_FILE;
    const credentials = credentialsFile
      ? toCredentials((await readJsonFile(credentialsFile, io.cwd)).value, credentialsFile)
      : undefined;
    const maxWait = typeof options['max-wait'] === 'string' ? Number(options['max-wait']) : 60;
    if (!Number.isFinite(maxWait) || maxWait < 0)
      throw new CliError(`--max-wait must be a number of seconds, got "${options['max-wait']}"`, 2);
    const controller = new AbortController();
    const onSigint = () => controller.abort(new Error('Interrupted'));
    process.once('SIGINT', onSigint);
    const showProgress = !options.json && !options.quiet;
    try {
      const { state, warnings } = await runLocalWorkflow({
        workflow: value,
        file,
        input,
        destination: typeof options.to === 'string' ? options.to : undefined,
        signal: controller.signal,
        onEvent: showProgress ? progress(io.paint.err, (line) => io.err.write(line)) : undefined,
        maxWaitMs: maxWait * 1000,
        env: {},
        credentials,
      });
      if (showProgress) for (const w of warnings) io.err.write(`${io.paint.err.yellow('warning')} ${w}\n`);
      const items =
        state.status === 'success'
          ? finalItems(state).map((i) => (i.binary ? { json: i.json, binary: i.binary } : i.json))
          : [];
      if (options.json) {
        const doc: Record<string, unknown> = {
          executionId: state.executionId,
          status: state.status,
          lastNode: state.lastNodeExecuted,
          items,
        };
        if (state.error) doc.error = state.error;
        if (state.waitTill !== undefined) doc.waitTill = state.waitTill;
        if (options['run-data']) doc.runData = state.runData;
        io.out.write(`${JSON.stringify(doc, null, 2)}\n`);
      } else if (state.status === 'success') {
        io.out.write(`${JSON.stringify(items, null, 2)}\n`);
      }
      if (state.status === 'error') {
        if (!options.json) {
          const e = state.error;
          const where = e?.node ? `Node "${e.node}" failed` : 'The workflow failed';
          const param = e?.parameter ? ` (parameter ${e.parameter})` : '';
          const hint = e?.description ? `\n${e.description}` : '';
          io.err.write(
            `${io.paint.err.red('Error:')} ${where}${param}: ${e?.message ?? 'unknown error'} [${e?.code ?? 'ERROR'}]${hint}\n`,
          );
        }
        return 1;
      }
      if (state.status === 'canceled') {
        if (!options.json) io.err.write('Execution canceled.\n');
        return 130;
      }
      if (state.status === 'waiting') {
        if (!options.json)
          io.err.write(
            `Execution ${state.executionId} is waiting${state.waitTill ? ` until ${state.waitTill}` : ' for an external call'}; the CLI does not keep it. Run it on the server (\`guixu start\`) to resume waits.\n`,
          );
        return 3;
      }
      return 0;
    } finally {
      process.off('SIGINT', onSigint);
    }
  },
});
