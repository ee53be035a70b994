import { toFormFields, versionsOf, type FormField } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { CliError, defineCommand } from '../command.ts';

export const nodesList = defineCommand({
  path: ['nodes', 'list'],
  summary: 'List the available node types',
  usage: '',
  options: {
    json: { type: 'boolean', description: 'Print JSON' },
    group: { type: 'string', description: 'Only this group (trigger, flow, data, action, ai)' },
  },
  async run({ options }, io) {
    const registry = await builtinNodes();
    const groups = ['trigger', 'flow', 'data', 'action', 'ai'];
    if (typeof options.group === 'string' && !groups.includes(options.group)) {
      throw new CliError(`Unknown group "${options.group}"; use one of: ${groups.join(', ')}`, 2);
    }
    const nodes = registry
      .list()
      .filter((d) => !options.group || d.group === options.group)
      .sort((a, b) => a.group.localeCompare(b.group) || a.displayName.localeCompare(b.displayName));
    if (options.json) {
      const rows = nodes.map((d) => ({
        type: d.type,
        versions: versionsOf(d),
        displayName: d.displayName,
        group: d.group,
        description: d.description,
      }));
      io.out.write(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    const paint = io.paint.out;
    let group = '';
    const width = Math.max(...nodes.map((d) => d.type.length));
    for (const d of nodes) {
      if (d.group !== group) {
        group = d.group;
        io.out.write(`\n${paint.bold(group.toUpperCase())}\n`);
      }
      io.out.write(
        `  ${paint.cyan(d.type.padEnd(width))}  ${d.displayName} ${paint.dim(`— ${d.description}`)}\n`,
      );
    }
    io.out.write(`\n${nodes.length} node types. \`guixu nodes show <type>\` describes one.\n`);
    return 0;
  },
});

function describeField(field: FormField, depth: number): string[] {
  const pad = '  '.repeat(depth + 1);
  const bits = [`${pad}${field.name} (${field.kind}${field.required ? ', required' : ''})`];
  const meta = [field.label];
  if (field.default !== undefined && field.default !== '' && field.kind !== 'collection')
    meta.push(`default ${JSON.stringify(field.default)}`);
  if (field.options) meta.push(`one of ${field.options.map((o) => JSON.stringify(o.value)).join(' | ')}`);
  if (field.displayOptions?.show)
    meta.push(
      `shown when ${Object.entries(field.displayOptions.show)
        // A leading "/" (n8n's notation) names a top-level parameter from inside a collection.
        .map(([k, v]) => `${k.startsWith('/') ? `${k.slice(1)} (top level)` : k} ∈ ${JSON.stringify(v)}`)
        .join(' and ')}`,
    );
  bits[0] += ` — ${meta.join('; ')}`;
  if (field.description) bits.push(`${pad}  ${field.description}`);
  for (const child of field.fields ?? []) bits.push(...describeField(child, depth + 1));
  return bits;
}

export const nodesShow = defineCommand({
  path: ['nodes', 'show'],
  summary: 'Describe a node type and its parameters',
  usage: '<type>',
  options: {
    json: { type: 'boolean', description: 'Print the form description as JSON' },
    version: { type: 'string', description: 'Type version (default: newest)' },
  },
  async run({ positionals, options }, io) {
    const type = positionals[0];
    if (!type)
      throw new CliError('Which node type? Usage: guixu nodes show <type> (see `guixu nodes list`)', 2);
    const registry = await builtinNodes();
    const full = type.includes('.') ? type : `guixu.${type}`;
    const version = typeof options.version === 'string' ? Number(options.version) : undefined;
    if (version !== undefined && Number.isNaN(version))
      throw new CliError(`--version must be a number, got "${options.version}"`, 2);
    const definition = registry.get(full, version);
    const fields = toFormFields(definition.params);
    if (options.json) {
      const { run: _run, resume: _resume, params: _params, inputs, outputs, ...rest } = definition;
      io.out.write(
        `${JSON.stringify({ ...rest, inputs: typeof inputs === 'function' ? 'dynamic' : inputs, outputs: typeof outputs === 'function' ? 'dynamic' : outputs, parameters: fields }, null, 2)}\n`,
      );
      return 0;
    }
    const lines = [
      `${definition.displayName} (${definition.type}, version ${versionsOf(definition).join(', ')}) — ${definition.group}`,
      definition.description,
    ];
    if (definition.docs) lines.push('', definition.docs.trim());
    if (definition.credentials?.length)
      lines.push(
        '',
        `Credentials: ${definition.credentials.map((c) => c.name + (c.required ? ' (required)' : '')).join(', ')}`,
      );
    lines.push('', 'Parameters:');
    if (fields.length === 0) lines.push('  (none)');
    for (const field of fields) lines.push(...describeField(field, 0));
    io.out.write(`${lines.join('\n')}\n`);
    return 0;
  },
});
