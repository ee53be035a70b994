import { rotateEncryptionKey } from '@guixu/server';
import { GuixuError } from '@guixu/core';
import { commandConfig, dataDirOption } from '../cli-config.ts';
import { CliError, defineCommand } from '../command.ts';

export const credentialsRotateKey = defineCommand({
  path: ['credentials', 'rotate-key'],
  summary: 'Re-encrypt every credential and secret with a new encryption key (stop the server first)',
  usage: '',
  options: {
    'new-key': {
      type: 'string',
      description: 'The new key (64 hex characters or base64 of 32 bytes); default: random',
    },
    'data-dir': dataDirOption,
  },
  help: [
    'Everything is re-encrypted in one database transaction: either all secrets use the new',
    'key or none do. With a key file, the new key replaces encryption.key and the old one is',
    'kept next to it as encryption.key.previous-<time> (backups taken before now need it).',
    'With GUIXU_ENCRYPTION_KEY, the new key is printed: put it in the environment before',
    'starting the server again.',
  ].join('\n'),
  async run({ options }, io) {
    const config = commandConfig(io, options);
    try {
      const report = await rotateEncryptionKey(config, {
        ...(typeof options['new-key'] === 'string' ? { newKey: options['new-key'] } : {}),
      });
      io.out.write(
        `Re-encrypted ${report.credentials} credential(s), ${report.variables} secret variable(s) and ${report.settings} setting(s): key ${report.oldKeyId} → ${report.newKeyId}\n`,
      );
      if (report.keyFile)
        io.out.write(`New key in ${report.keyFile}; previous key kept as ${report.previousKeyFile}\n`);
      if (report.newKeyHex)
        io.out.write(`Set GUIXU_ENCRYPTION_KEY=${report.newKeyHex} before starting the server.\n`);
      return 0;
    } catch (error) {
      if (error instanceof GuixuError) throw new CliError(error.message, 1);
      throw error;
    }
  },
});
