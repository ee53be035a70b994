import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MemoryBinaryStore } from '@guixu/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSshd, startSshd, type TestSshd } from '../../../../scripts/test-servers/sshd.ts';
import { runNodeWorkflow } from '../shared/testing/run-node-workflow.ts';
import sshPasswordCredential from './ssh-password.credentials.ts';
import sshPrivateKeyCredential from './ssh-private-key.credentials.ts';
import ssh from './ssh.node.ts';

/**
 * Against Debian's sshd, started by the test on a free port with its own
 * configuration (scripts/test-servers/sshd.ts); files land in a directory of
 * the test user's home, made unique per run.
 */
const installed = await ensureSshd();
if ('skipped' in installed) console.warn(installed.skipped);

let server: TestSshd;
const dirName = `ssh-${randomBytes(4).toString('hex')}`;
let dir: string;

const passwordLogin = () => ({
  host: server.host,
  port: server.port,
  username: server.username,
  password: server.password,
  hostKeyFingerprint: '',
});
const keyLogin = () => ({
  host: server.host,
  port: server.port,
  username: server.username,
  privateKey: server.privateKey,
  hostKeyFingerprint: '',
});

function run(
  parameters: Record<string, unknown>,
  options: {
    login?: Record<string, unknown>;
    key?: boolean;
    binary?: MemoryBinaryStore;
    inputItems?: never[];
  } = {},
) {
  const slot = options.key ? 'sshPrivateKey' : 'sshPassword';
  return runNodeWorkflow({
    definition: ssh,
    parameters: { authentication: options.key ? 'privateKey' : 'password', ...parameters },
    credential: { slot, data: options.login ?? (options.key ? keyLogin() : passwordLogin()) },
    ...(options.binary ? { binary: options.binary } : {}),
    ...(options.inputItems ? { inputItems: options.inputItems } : {}),
  });
}

describe.skipIf('skipped' in installed)('SSH node against a real sshd', () => {
  beforeAll(async () => {
    server = await startSshd();
    dir = join(server.home, dirName);
    await run({ command: `mkdir -p ${dirName}`, cwd: '~' });
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await server?.close();
  });

  it('runs a command in a working directory: stdout, stderr and the exit code', async () => {
    const result = await runNodeWorkflow({
      definition: ssh,
      parameters: {
        authentication: 'password',
        resource: 'command',
        operation: 'execute',
        command: '=echo "{{ $json.word }}"; pwd; echo oops >&2; exit 3',
        cwd: `~/${dirName}`,
      },
      credential: { slot: 'sshPassword', data: passwordLogin() },
      items: [{ word: "it's" }, { word: 'two' }],
    });
    expect(result.error).toBeUndefined();
    expect(result.output).toEqual([
      { code: 3, signal: null, stdout: `it's\n${dir}`, stderr: 'oops' },
      { code: 3, signal: null, stdout: `two\n${dir}`, stderr: 'oops' },
    ]);
    const missing = await run({ command: 'echo never', cwd: '/no/such/dir' });
    expect(missing.output[0]).toMatchObject({ stdout: '' });
    expect(missing.output[0]?.code).toBeGreaterThan(0);
    expect(missing.output[0]?.stderr).toContain('/no/such/dir');
  });

  it('signs in with a private key, and with a key protected by a passphrase', async () => {
    const plain = await run({ command: 'whoami' }, { key: true });
    expect(plain.output).toEqual([{ code: 0, signal: null, stdout: server.username, stderr: '' }]);
    const encrypted = await run(
      { command: 'whoami' },
      { key: true, login: { ...keyLogin(), ...server.encryptedKey } },
    );
    expect(encrypted.output[0]?.stdout).toBe(server.username);
  });

  it('uploads binary data to a file and downloads it back', async () => {
    const binary = new MemoryBinaryStore();
    const bytes = randomBytes(200_000);
    const data = await binary.put(bytes, { mimeType: 'application/octet-stream', fileName: 'blob.bin' });
    const up = await run(
      { resource: 'file', operation: 'upload', path: `~/${dirName}`, binaryPropertyName: 'data' },
      { binary, inputItems: [{ json: { n: 1 }, binary: { data } }] as never[] },
    );
    expect(up.error).toBeUndefined();
    expect(up.output).toEqual([{ success: true }]);
    expect(Buffer.compare(await readFile(join(dir, 'blob.bin')), bytes)).toBe(0);

    await writeFile(join(dir, 'notes.txt'), 'remote text');
    const down = await run(
      { resource: 'file', operation: 'download', path: `${dir}/notes.txt`, binaryPropertyName: 'file' },
      { binary },
    );
    expect(down.error).toBeUndefined();
    const ref = down.items[0]?.binary?.file;
    expect(ref).toMatchObject({ fileName: 'notes.txt', mimeType: 'text/plain', fileSize: 11 });
    expect(Buffer.from(await binary.get(ref as never)).toString()).toBe('remote text');
  });

  it('reports a wrong password, a wrong passphrase, an unreachable host and a missing file as node errors', async () => {
    const wrong = await run(
      { command: 'true' },
      { login: { ...passwordLogin(), password: 'wrong-secret-pw' } },
    );
    expect(wrong.error).toMatchObject({ code: 'SSH_AUTH_FAILED', node: 'DB' });
    expect(wrong.error?.message).toContain(`127.0.0.1:${server.port}`);
    expect(JSON.stringify(wrong.runData)).not.toContain('wrong-secret-pw');

    const badPassphrase = await run(
      { command: 'true' },
      { key: true, login: { ...keyLogin(), privateKey: server.encryptedKey.privateKey, passphrase: 'nope' } },
    );
    expect(badPassphrase.error).toMatchObject({ code: 'SSH_AUTH_FAILED' });

    const down = await run({ command: 'true' }, { login: { ...passwordLogin(), port: 1 } });
    expect(down.error).toMatchObject({ code: 'SSH_CONNECTION_FAILED', node: 'DB' });
    expect(down.error?.message).toContain('127.0.0.1:1');

    const empty = await run({ command: '  ' });
    expect(empty.error).toMatchObject({ code: 'SSH_COMMAND_EMPTY', node: 'DB' });

    const missing = await run({ resource: 'file', operation: 'download', path: `${dir}/none.txt` });
    expect(missing.error).toMatchObject({ code: 'SSH_COMMAND_FAILED', node: 'DB' });
    expect(missing.error?.message).toMatch(/No such file/i);
  });

  it('checks the host key when the credential pins its fingerprint', async () => {
    const pinned = await run(
      { command: 'echo pinned' },
      { login: { ...passwordLogin(), hostKeyFingerprint: server.hostKeyFingerprint } },
    );
    expect(pinned.output[0]?.stdout).toBe('pinned');
    const other = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const refused = await run(
      { command: 'echo never' },
      { login: { ...passwordLogin(), hostKeyFingerprint: other } },
    );
    expect(refused.error).toMatchObject({ code: 'SSH_AUTH_FAILED', node: 'DB' });
    expect(refused.error?.message).toContain(server.hostKeyFingerprint);
    expect(refused.error?.message).toContain(other);
  });

  it('tests both credential types: signed in, and a wrong password', async () => {
    const signal = new AbortController().signal;
    expect(await sshPasswordCredential.test?.(passwordLogin(), signal)).toMatchObject({ ok: true });
    expect(await sshPrivateKeyCredential.test?.({ ...keyLogin(), passphrase: '' }, signal)).toMatchObject({
      ok: true,
    });
    const wrong = await sshPasswordCredential.test?.({ ...passwordLogin(), password: 'nope' }, signal);
    expect(wrong).toMatchObject({
      ok: false,
      message: expect.stringContaining('authentication methods failed'),
    });
  });
});
