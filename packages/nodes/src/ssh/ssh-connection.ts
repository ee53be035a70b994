import { createHash } from 'node:crypto';
import { Client, type ConnectConfig, type SFTPWrapper } from 'ssh2';

/**
 * One SSH connection (ssh2) for a node run, shared by the SSH node and the
 * FTP node's SFTP protocol. The server's host key is checked when the
 * credential pins its fingerprint (n8n never checks it).
 */
export interface SshLogin {
  host: string;
  port: number;
  username: string;
  password?: string;
  privateKey?: string;
  passphrase?: string;
  /** `SHA256:…` as `ssh-keygen -lf` prints it; empty: any host key is accepted. */
  hostKeyFingerprint?: string;
}

/** The SHA256 fingerprint of a raw host key, as OpenSSH prints it. */
export function fingerprintOf(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

const normalized = (fingerprint: string) =>
  fingerprint
    .trim()
    .replace(/^SHA256:/i, '')
    .replace(/=+$/, '');

const READY_TIMEOUT_MS = 10_000;

export function serverOf(login: SshLogin): string {
  return `${login.host}:${login.port}`;
}

export function connectConfig(login: SshLogin, onHostKey?: (fingerprint: string) => void): ConnectConfig {
  return {
    host: login.host,
    port: login.port,
    username: login.username,
    ...(login.privateKey
      ? { privateKey: login.privateKey, ...(login.passphrase ? { passphrase: login.passphrase } : {}) }
      : { password: login.password ?? '' }),
    ...(login.hostKeyFingerprint
      ? {
          hostVerifier: (key: Buffer) => {
            const seen = fingerprintOf(key);
            onHostKey?.(seen);
            return normalized(seen) === normalized(login.hostKeyFingerprint ?? '');
          },
        }
      : {}),
    readyTimeout: READY_TIMEOUT_MS,
    // Without a key agent or keyboard-interactive prompt: only what the credential holds is tried.
    tryKeyboard: false,
  };
}

/** ssh2 marks a refused sign-in with `level: 'client-authentication'`; a key that cannot be read is one too. */
export function isAuthFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if ((error as { level?: unknown }).level === 'client-authentication') return true;
  const message = error instanceof Error ? error.message : '';
  return /authentication methods failed|Cannot parse privateKey|passphrase|host key verification|Host denied/i.test(
    message,
  );
}

/** Connects and signs in; rejects with ssh2's error (refused, timed out, authentication). */
export function openSsh(login: SshLogin, signal?: AbortSignal): Promise<Client> {
  const client = new Client();
  return new Promise<Client>((resolve, reject) => {
    const abort = () => {
      client.end();
      reject(signal?.reason ?? new Error('aborted'));
    };
    signal?.addEventListener('abort', abort, { once: true });
    client.once('ready', () => {
      signal?.removeEventListener('abort', abort);
      // Later errors surface on the operation that hits them.
      client.on('error', () => undefined);
      resolve(client);
    });
    let hostKey = '';
    client.once('error', (error) => {
      signal?.removeEventListener('abort', abort);
      client.end();
      reject(
        /Host denied/.test(error.message)
          ? new Error(
              `host key verification failed: the server's key is ${hostKey}, the credential expects ${login.hostKeyFingerprint}`,
            )
          : error,
      );
    });
    try {
      client.connect(
        connectConfig(login, (fingerprint) => {
          hostKey = fingerprint;
        }),
      );
    } catch (error) {
      // A malformed private key throws synchronously.
      reject(error);
    }
  });
}

/** Ends the connection and waits (bounded) for its socket to close. */
export function closeSsh(client: Client): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 2_000);
    timer.unref();
    client.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    client.end();
  });
}

export function sftpOf(client: Client): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) =>
    client.sftp((error, sftp) => (error ? reject(error) : resolve(sftp))),
  );
}

/** "Test connection" for SSH and SFTP credentials: connect, sign in, disconnect. */
export async function testSsh(login: SshLogin, product: string): Promise<{ ok: boolean; message: string }> {
  try {
    const client = await openSsh(login);
    await closeSsh(client);
    return { ok: true, message: `Signed in to ${product} at ${serverOf(login)} as ${login.username}` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `Could not connect to ${product} at ${serverOf(login)}: ${reason}` };
  }
}
