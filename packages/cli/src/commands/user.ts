import { createOwner } from '@guixu/server';
import { GuixuError } from '@guixu/core';
import { commandConfig, dataDirOption } from '../cli-config.ts';
import { CliError, defineCommand } from '../command.ts';

async function readStdin(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream)
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  return text.replace(/\r?\n$/, '');
}

export const userCreateOwner = defineCommand({
  path: ['user', 'create-owner'],
  summary: 'Create the instance owner account (only while none exists)',
  usage: '',
  options: {
    email: { type: 'string', description: 'Email address of the owner' },
    'password-stdin': { type: 'boolean', description: 'Read the password from standard input' },
    name: { type: 'string', description: 'Display name' },
    'data-dir': dataDirOption,
  },
  help: [
    'The password is read from GUIXU_OWNER_PASSWORD or, with --password-stdin, from standard',
    'input, never from the command line (where other users could see it in the process list).',
    '',
    'Example: printf %s "$PASSWORD" | guixu user create-owner --email me@example.com --password-stdin',
  ].join('\n'),
  async run({ options }, io) {
    const email = typeof options.email === 'string' ? options.email.trim().toLowerCase() : '';
    if (!/^[^@\s]+@[^@\s]+$/.test(email))
      throw new CliError('Give the owner email: --email you@example.com', 2);
    const password = options['password-stdin'] ? await readStdin(process.stdin) : io.env.GUIXU_OWNER_PASSWORD;
    if (!password) throw new CliError('No password: set GUIXU_OWNER_PASSWORD or pass --password-stdin', 2);
    const config = commandConfig(io, options);
    try {
      const user = await createOwner(config, {
        email,
        password,
        ...(typeof options.name === 'string' ? { displayName: options.name } : {}),
      });
      io.out.write(`Created the owner ${user.email} (id ${user.id}). Sign in at ${config.publicUrl}\n`);
      return 0;
    } catch (error) {
      if (error instanceof GuixuError) throw new CliError(error.message, 1);
      throw error;
    }
  },
});
