import { type GuixuError, NodeOperationError, type ParamsOf } from '@guixu/core';
import {
  type ChannelModel,
  connect,
  credentials as saslCredentials,
  type Options,
  type SocketOptions,
} from 'amqplib';
import { connectionKey, dropConnection, withConnection } from '../shared/connection-cache.ts';
import { failureHandler } from '../shared/connection-errors.ts';
import type { rabbitmqFields } from './rabbitmq.credentials.ts';

export type RabbitmqCredential = ParamsOf<typeof rabbitmqFields>;

const CONNECT_TIMEOUT_MS = 5_000;
/** Seconds: a broker that stops answering is noticed within about two of these. */
const HEARTBEAT_S = 10;

/** PEM text pasted with literal `\n` (as n8n stores it) or real line breaks. */
const pem = (text: string) => Buffer.from(text.replace(/\\n/g, '\n'));

function connectOptions(credential: RabbitmqCredential, name: string): [Options.Connect, SocketOptions] {
  const target: Options.Connect = {
    protocol: credential.ssl ? 'amqps' : 'amqp',
    hostname: credential.hostname,
    port: credential.port,
    username: credential.username,
    password: credential.password,
    vhost: credential.vhost || '/',
    heartbeat: HEARTBEAT_S,
  };
  const socket: SocketOptions = {
    timeout: CONNECT_TIMEOUT_MS,
    clientProperties: { connection_name: name },
  };
  if (credential.ssl) {
    if (credential.ca) socket.ca = [pem(credential.ca)];
    if (credential.passwordless) {
      if (credential.cert) socket.cert = pem(credential.cert);
      if (credential.key) socket.key = pem(credential.key);
      if (credential.passphrase) socket.passphrase = credential.passphrase;
      socket.credentials = saslCredentials.external();
    }
  }
  return [target, socket];
}

export function serverOf(credential: RabbitmqCredential): string {
  const vhost = credential.vhost || '/';
  return `${credential.hostname}:${credential.port}${vhost === '/' ? '' : ` (vhost "${vhost}")`}`;
}

/** 403 ACCESS_REFUSED (user/password) and 530 NOT_ALLOWED (no access to the vhost). */
export function isAuthFailure(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  return /ACCESS.REFUSED|NOT.ALLOWED|\b403\b|\b530\b|authentication/i.test(message);
}

/** Opens a connection of its own (triggers hold one each; "test connection"). */
export async function openRabbitmq(
  credential: RabbitmqCredential,
  name = 'guixuflow',
): Promise<ChannelModel> {
  const [target, socket] = connectOptions(credential, name);
  const model = await connect(target, socket);
  // Without a listener an 'error' event would be thrown; 'close' reports the end.
  model.on('error', () => undefined);
  return model;
}

/** Failures of the broker or the connection as node errors (`RABBITMQ_AUTH_FAILED`, `_CONNECTION_FAILED`, `_COMMAND_FAILED`). */
export function rabbitmqFailure(
  node: string,
  credential: RabbitmqCredential,
): (error: unknown, itemIndex?: number) => GuixuError {
  return failureHandler({
    node,
    product: 'RabbitMQ',
    prefix: 'RABBITMQ',
    server: serverOf(credential),
    isAuthFailure,
    rejected: 'COMMAND_FAILED',
  });
}

class RabbitConnection {
  private model: Promise<ChannelModel> | undefined;
  closed = false;
  constructor(private readonly credential: RabbitmqCredential) {}
  get(): Promise<ChannelModel> {
    this.model ??= openRabbitmq(this.credential).then((model) => {
      model.on('close', () => {
        this.closed = true;
      });
      return model;
    });
    return this.model;
  }
  async close(): Promise<void> {
    const model = await this.model?.catch(() => undefined);
    this.closed = true;
    await model?.close().catch(() => undefined);
  }
}

/**
 * Runs `work` with this thread's connection for the credential (kept for a
 * minute unused). A connection the broker closed (restart, operator) is
 * replaced on the next run.
 */
export async function withRabbitmq<T>(
  credential: RabbitmqCredential,
  work: (model: ChannelModel) => Promise<T>,
): Promise<T> {
  const [target, socket] = connectOptions(credential, 'guixuflow');
  const key = connectionKey('rabbitmq', {
    ...target,
    ca: credential.ca,
    cert: credential.cert,
    key: socket.key ? credential.key : '',
  });
  const attempt = () =>
    withConnection(
      key,
      () => new RabbitConnection(credential),
      async (connection) => {
        if (connection.closed) return undefined;
        let model: ChannelModel;
        try {
          model = await connection.get();
        } catch (error) {
          await dropConnection(key);
          throw error;
        }
        return { value: await work(model) };
      },
    );
  const first = await attempt();
  if (first) return first.value;
  await dropConnection(key);
  const second = await attempt();
  if (second) return second.value;
  throw new NodeOperationError('RabbitMQ', 'The connection to RabbitMQ closed while it was opened');
}

/** "Test connection": connect, open a channel, close. */
export async function testRabbitmq(
  credential: RabbitmqCredential,
): Promise<{ ok: boolean; message: string }> {
  let model: ChannelModel | undefined;
  try {
    model = await openRabbitmq(credential, 'guixuflow connection test');
    const channel = await model.createChannel();
    await channel.close();
    return { ok: true, message: `Connected to RabbitMQ at ${serverOf(credential)}` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `Could not connect to RabbitMQ at ${serverOf(credential)}: ${reason}` };
  } finally {
    await model?.close().catch(() => undefined);
  }
}

/** n8n's "Arguments" / "Headers" lists (`{ argument: [{ key, value }] }`) as one object; "true", "12" become typed. */
export function keyValues(
  list: readonly { key: string; value: string }[] | undefined,
  typed: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value } of list ?? []) {
    if (key.trim() === '') continue;
    out[key] = typed ? typedValue(value) : value;
  }
  return out;
}

function typedValue(value: string): unknown {
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return value;
}
