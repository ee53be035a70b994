import { randomBytes } from 'node:crypto';
import type { GuixuError, ParamsOf } from '@guixu/core';
import { type IClientOptions, type MqttClient, connectAsync } from 'mqtt';
import { failureHandler } from '../shared/connection-errors.ts';
import type { mqttFields } from './mqtt.credentials.ts';

export type MqttCredential = ParamsOf<typeof mqttFields>;

const CONNECT_TIMEOUT_MS = 5_000;

const pem = (text: string) => Buffer.from(text.replace(/\\n/g, '\n'));

export function serverOf(credential: MqttCredential): string {
  return `${credential.host}:${credential.port}`;
}

/** The broker's CONNACK refusals: bad user name or password (4 / 134), not authorized (5 / 135). */
export function isAuthFailure(error: unknown): boolean {
  const message = error instanceof Error ? error.message : '';
  const code = typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
  return (
    code === 4 ||
    code === 5 ||
    code === 134 ||
    code === 135 ||
    /not authori[sz]ed|bad user ?name or password/i.test(message)
  );
}

export function mqttFailure(
  node: string,
  credential: MqttCredential,
): (error: unknown, itemIndex?: number) => GuixuError {
  return failureHandler({
    node,
    product: 'MQTT',
    prefix: 'MQTT',
    server: serverOf(credential),
    isAuthFailure,
    rejected: 'COMMAND_FAILED',
  });
}

/**
 * Connects once, without mqtt.js's own reconnect: a node's run connects and
 * ends, and the event-trigger service reopens a trigger's connection.
 */
export async function openMqtt(
  credential: MqttCredential,
  clientIdPrefix = 'guixuflow',
): Promise<MqttClient> {
  const protocol = credential.ssl && credential.protocol === 'mqtt' ? 'mqtts' : credential.protocol;
  const options: IClientOptions = {
    clean: credential.clean,
    clientId: credential.clientId || `${clientIdPrefix}_${randomBytes(6).toString('hex')}`,
    connectTimeout: CONNECT_TIMEOUT_MS,
    reconnectPeriod: 0,
    ...(credential.username ? { username: credential.username } : {}),
    ...(credential.password ? { password: credential.password } : {}),
  };
  if (protocol === 'mqtts' || protocol === 'wss') {
    options.rejectUnauthorized = credential.rejectUnauthorized;
    if (credential.ca) options.ca = [pem(credential.ca)];
    if (credential.passwordless) {
      if (credential.cert) options.cert = pem(credential.cert);
      if (credential.key) options.key = pem(credential.key);
    }
  }
  const client = await connectAsync(`${protocol}://${credential.host}:${credential.port}`, options, false);
  client.on('error', () => undefined);
  return client;
}

/** "Test connection": connect and disconnect. */
export async function testMqtt(credential: MqttCredential): Promise<{ ok: boolean; message: string }> {
  let client: MqttClient | undefined;
  try {
    client = await openMqtt(credential, 'guixuflow_test');
    return { ok: true, message: `Connected to MQTT at ${serverOf(credential)}` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `Could not connect to MQTT at ${serverOf(credential)}: ${reason}` };
  } finally {
    await client?.endAsync().catch(() => undefined);
  }
}
