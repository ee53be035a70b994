import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { GuixuError } from '@guixu/core';
import { colorsFor, paint } from './colors.ts';
import { CliError, type Command, type CommandIO } from './command.ts';
import { VERSION } from './version.ts';

/**
 * Commands are the exports of `commands/*.ts`; adding a command is adding a file
 * (`npm run generate`, run for you by `npm test` and `npm start`, indexes it).
 */
export async function loadCommands(): Promise<Command[]> {
  const { commandFiles } = await import('./commands/generated.ts');
  const commands: Command[] = [];
  for (const mod of Object.values(commandFiles)) {
    for (const value of Object.values(mod)) {
      if (value && typeof value === 'object' && 'path' in value && 'run' in value)
        commands.push(value as Command);
    }
  }
  return commands;
}

function usageLine(command: Command): string {
  return `guixu ${command.path.join(' ')}${command.usage ? ` ${command.usage}` : ''}`;
}

function commandHelp(command: Command): string {
  const lines = [`Usage: ${usageLine(command)} [options]`, '', command.summary, ''];
  const options = Object.entries(command.options);
  lines.push('Options:');
  for (const [name, spec] of options) {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ' <value>' : ''}`;
    lines.push(`  ${flag.padEnd(28)} ${spec.description}`);
  }
  lines.push(`  ${'    --help'.padEnd(28)} Show this help`);
  if (command.help) lines.push('', command.help.trim());
  return `${lines.join('\n')}\n`;
}

function groupHelp(commands: Command[], prefix: string[]): string {
  const matching = commands.filter((c) => prefix.every((word, i) => c.path[i] === word));
  const title = prefix.length ? `guixu ${prefix.join(' ')}` : 'guixu';
  const lines = [
    `Usage: ${title} <command> [options]`,
    '',
    prefix.length ? '' : 'GuixuFlow: workflow automation with AI orchestration and durable execution.\n',
    'Commands:',
  ].filter((l, i) => l !== '' || i !== 2);
  const width = Math.max(...matching.map((c) => usageLine(c).length));
  for (const c of matching) lines.push(`  ${usageLine(c).padEnd(width)}  ${c.summary}`);
  lines.push('', `Run \`${title} <command> --help\` for a command's options.`);
  return `${lines.join('\n')}\n`;
}

function findCommand(
  commands: Command[],
  argv: string[],
): { command?: Command; rest: string[]; prefix: string[] } {
  let best: Command | undefined;
  for (const c of commands) {
    if (c.path.every((word, i) => argv[i] === word) && (!best || c.path.length > best.path.length)) best = c;
  }
  if (best) return { command: best, rest: argv.slice(best.path.length), prefix: [...best.path] };
  const prefix: string[] = [];
  for (const word of argv) {
    if (word.startsWith('-')) break;
    if (!commands.some((c) => [...prefix, word].every((w, i) => c.path[i] === w))) break;
    prefix.push(word);
  }
  return { rest: argv.slice(prefix.length), prefix };
}

export function formatError(error: unknown, paint: CommandIO['paint']['err']): string {
  if (error instanceof CliError) return `${paint.red('Error:')} ${error.message}\n`;
  if (error instanceof GuixuError) {
    const where = [error.node && `node "${error.node}"`, error.parameter && `parameter ${error.parameter}`]
      .filter(Boolean)
      .join(', ');
    const hint = error.description ? `\n${paint.dim(error.description)}` : '';
    return `${paint.red('Error:')} ${error.message}${where && !error.message.includes(`"${error.node}"`) ? ` (${where})` : ''} [${error.code}]${hint}\n`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `${paint.red('Unexpected error:')} ${message}\n${paint.dim('This is a bug in GuixuFlow; please report it with the command you ran.')}\n`;
}

export async function runCli(argv: string[], io: CommandIO): Promise<number> {
  if (argv[0] === '--version' || argv[0] === '-v' || (argv[0] === 'version' && argv.length === 1)) {
    io.out.write(`guixu ${VERSION}\n`);
    return 0;
  }
  const commands = await loadCommands();
  const { command, rest, prefix } = findCommand(commands, argv);
  if (!command) {
    const unknown = argv.slice(prefix.length).find((a) => !a.startsWith('-'));
    if (unknown && !argv.includes('--help') && !argv.includes('-h')) {
      io.err.write(
        formatError(new CliError(`Unknown command "${[...prefix, unknown].join(' ')}"`), io.paint.err),
      );
      io.err.write(groupHelp(commands, prefix));
      return 2;
    }
    io.out.write(groupHelp(commands, prefix));
    return argv.length === 0 || argv.includes('--help') || argv.includes('-h') ? 0 : 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out.write(commandHelp(command));
    return 0;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: Object.fromEntries(
        Object.entries(command.options).map(([name, spec]) => {
          const option: { type: 'string' | 'boolean'; short?: string; multiple?: boolean } = {
            type: spec.type,
          };
          if (spec.short) option.short = spec.short;
          if (spec.multiple) option.multiple = true;
          return [name, option];
        }),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    io.err.write(
      formatError(new CliError(`${(error as Error).message}\n\n${commandHelp(command)}`, 2), io.paint.err),
    );
    return 2;
  }
  try {
    const values: Record<string, string | boolean | string[] | undefined> = {};
    for (const [key, value] of Object.entries(parsed.values)) {
      values[key] = Array.isArray(value) ? value.map(String) : value;
    }
    for (const [key, spec] of Object.entries(command.options)) values[key] ??= spec.default;
    return await command.run({ positionals: parsed.positionals, options: values }, io);
  } catch (error) {
    io.err.write(formatError(error, io.paint.err));
    return error instanceof CliError ? error.exitCode : 1;
  }
}

const isEntry = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
const viaBin = process.argv[1]?.endsWith('guixu.mjs') || process.argv[1]?.endsWith('/guixu');
if (isEntry || viaBin) {
  // Intrinsics' prototypes frozen for the whole CLI process, server included (issue 8).
  (await import('@guixu/server')).hardenProcess();
  const code = await runCli(process.argv.slice(2), {
    out: process.stdout,
    err: process.stderr,
    paint: {
      out: paint(colorsFor(process.stdout, process.env)),
      err: paint(colorsFor(process.stderr, process.env)),
    },
    cwd: process.cwd(),
    env: process.env,
  });
  // Database pools and Redis clients nodes opened would keep the process alive until they idle out.
  await (await import('@guixu/nodes')).closeConnections();
  process.exitCode = code;
}
