import { defineCredentialType, p } from '@guixu/core';
import { readCredentialData } from '../credentials/credential-data.ts';
import { testMqtt } from './mqtt-client.ts';

const sslShown = { show: { ssl: [true] } };
const clientCertShown = { show: { ssl: [true], passwordless: [true] } };

/** n8n's `mqtt` credential. */
export const mqttFields = {
  protocol: p.options({
    label: 'Protocol',
    options: [
      { value: 'mqtt', label: 'mqtt://' },
      { value: 'mqtts', label: 'mqtts://' },
      { value: 'ws', label: 'ws://' },
      { value: 'wss', label: 'wss://' },
    ],
    default: 'mqtt',
  }),
  host: p.string({ label: 'Host', default: 'localhost', required: true }),
  port: p.number({ label: 'Port', default: 1883, min: 1, max: 65535, integer: true }),
  username: p.string({ label: 'Username' }),
  password: p.string({ label: 'Password', password: true }),
  clean: p.boolean({
    label: 'Clean Session',
    description:
      'Whether to start without the session the broker kept for this client ID (set to false to receive QoS 1 and 2 messages sent while offline)',
    default: true,
  }),
  clientId: p.string({ label: 'Client ID', description: 'Client ID; a random one when empty' }),
  ssl: p.boolean({ label: 'SSL', default: false }),
  passwordless: p.boolean({
    label: 'Passwordless',
    description: 'Whether to use a client certificate instead of the password',
    default: true,
    displayOptions: sslShown,
  }),
  ca: p.string({ label: 'CA Certificates', rows: 4, displayOptions: sslShown }),
  rejectUnauthorized: p.boolean({
    label: 'Reject Unauthorized Certificate',
    description: 'Whether to refuse a server certificate that cannot be verified',
    default: false,
    displayOptions: sslShown,
  }),
  cert: p.string({ label: 'Client Certificate', rows: 4, displayOptions: clientCertShown }),
  key: p.string({ label: 'Client Key', password: true, displayOptions: clientCertShown }),
};

const shape = { name: 'mqtt', displayName: 'MQTT', fields: mqttFields, secretFields: [] };

export default defineCredentialType({
  name: 'mqtt',
  displayName: 'MQTT',
  description:
    'An MQTT broker (3.1.1 / 5): protocol, host, port, user, password, client ID, session and TLS.',
  documentationUrl: 'https://mosquitto.org/man/mosquitto-conf-5.html',
  fields: mqttFields,
  secretFields: ['password', 'key'],
  async test(raw) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    return testMqtt(read.data);
  },
});
