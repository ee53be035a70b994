import { resolve } from 'node:path';
import { GuixuError } from '@guixu/core';
import { createBackup, restoreBackup, type ServerConfig } from '@guixu/server';
import { commandConfig, dataDirOption } from '../cli-config.ts';
import { CliError, defineCommand } from '../command.ts';
import { VERSION } from '../version.ts';

function timestamp(date = new Date()): string {
  return date.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}

function asCliError(error: unknown): never {
  if (error instanceof GuixuError)
    throw new CliError(`${error.message}${error.description ? `\n${error.description}` : ''}`, 1);
  throw error;
}

export const backup = defineCommand({
  path: ['backup'],
  summary: 'Back up the database and the encryption key into a directory (the server may keep running)',
  usage: '[dir]',
  options: {
    'without-key': { type: 'boolean', description: 'Leave the encryption key out (keep it safe elsewhere)' },
    'data-dir': dataDirOption,
  },
  help: [
    'Writes <dir> (default ./guixu-backup-<time>): manifest.json, the database (SQLite: a copy',
    'made with its online backup API; PostgreSQL: database.jsonl, a JSON dump of every table in',
    'one consistent snapshot) and encryption.key. Restore with `guixu restore <dir>`.',
    '',
    'The key decrypts every credential in the backup: whoever holds the backup with its key can',
    'read them all. Store it like a password, or use --without-key and keep the key apart.',
  ].join('\n'),
  async run({ positionals, options }, io) {
    const config = commandConfig(io, options);
    const dir = resolve(io.cwd, positionals[0] ?? `guixu-backup-${timestamp()}`);
    const withoutKey = options['without-key'] === true;
    const manifest = await createBackup(config, { dir, withoutKey, guixuVersion: VERSION }).catch(asCliError);
    io.out.write(
      `Backed up the ${manifest.database === 'sqlite' ? 'SQLite' : 'PostgreSQL'} database (${manifest.migrations.length} migrations, key id ${manifest.keyId}) to ${dir}\n`,
    );
    const warn = io.paint.err.yellow('warning:');
    io.err.write(
      withoutKey
        ? `${warn} the encryption key (id ${manifest.keyId}) is NOT in the backup. Without it the credentials in this backup cannot be decrypted: keep ${config.encryptionKey !== undefined ? 'GUIXU_ENCRYPTION_KEY' : `${config.dataDir}/encryption.key`} safe.\n`
        : `${warn} ${dir}/encryption.key decrypts every credential in this backup. Keep the backup as safe as the key itself (restricted, encrypted storage), or back up with --without-key and store the key apart.\n`,
    );
    return 0;
  },
});

async function serverAnswers(config: ServerConfig): Promise<string | undefined> {
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${config.port}/healthz`;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return response.ok ? url : undefined;
  } catch {
    return undefined;
  }
}

export const restore = defineCommand({
  path: ['restore'],
  summary: 'Restore the database and the encryption key from a backup (stop the server first)',
  usage: '<dir>',
  options: {
    force: {
      type: 'boolean',
      description: 'Replace an existing SQLite database and keep a different key file aside',
    },
    'data-dir': dataDirOption,
  },
  help: [
    'Restores into the database the configuration names (GUIXU_DATA_DIR, DATABASE_URL): SQLite',
    'refuses to replace an existing file without --force; PostgreSQL restores only into an empty',
    'database or schema. The key goes to <data dir>/encryption.key; with GUIXU_ENCRYPTION_KEY set,',
    'it must be the backup key. Afterwards the credentials are checked to decrypt with the key.',
  ].join('\n'),
  async run({ positionals, options }, io) {
    const source = positionals[0];
    if (source === undefined) throw new CliError('Which backup? Usage: guixu restore <dir>', 2);
    const config = commandConfig(io, options);
    const running = await serverAnswers(config);
    if (running) throw new CliError(`GuixuFlow answers at ${running}: stop it before restoring`, 1);
    const report = await restoreBackup(config, {
      dir: resolve(io.cwd, source),
      force: options.force === true,
    }).catch(asCliError);
    const { manifest, key } = report;
    io.out.write(
      `Restored ${report.database} from the backup of ${manifest.createdAt} (GuixuFlow ${manifest.guixuVersion}); the credentials decrypt with key ${manifest.keyId}.\n`,
    );
    if (key.outcome === 'written') io.out.write(`Encryption key written to ${key.file}\n`);
    if (key.keptPrevious) io.out.write(`The key file that was there is kept as ${key.keptPrevious}\n`);
    return 0;
  },
});
