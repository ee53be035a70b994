import { toFormFields } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import { PREDEFINED_CREDENTIAL_TYPES } from '../http-request/predefined/registry.ts';
import { builtinNodes } from '../index.ts';

const EXPECTED = {
  httpBasicAuth: { fields: ['user', 'password'], secret: ['password'] },
  httpHeaderAuth: { fields: ['name', 'value'], secret: ['value'] },
  httpQueryAuth: { fields: ['name', 'value'], secret: ['value'] },
  httpBearerAuth: { fields: ['token'], secret: ['token'] },
  httpDigestAuth: { fields: ['user', 'password'], secret: ['password'] },
  httpCustomAuth: { fields: ['json'], secret: ['json'] },
  oAuth2Api: {
    fields: [
      'grantType',
      'authUrl',
      'accessTokenUrl',
      'clientId',
      'clientSecret',
      'scope',
      'authQueryParameters',
      'authentication',
      'oauthTokenData',
    ],
    secret: ['clientSecret', 'oauthTokenData'],
  },
  oAuth1Api: {
    fields: [
      'authUrl',
      'accessTokenUrl',
      'requestTokenUrl',
      'consumerKey',
      'consumerSecret',
      'accessToken',
      'accessTokenSecret',
      'signatureMethod',
      'realm',
      'oauthTokenData',
    ],
    secret: ['consumerSecret', 'accessTokenSecret', 'oauthTokenData'],
  },
  httpSslAuth: { fields: ['ca', 'cert', 'key', 'passphrase'], secret: ['key', 'passphrase'] },
};

describe('HTTP credential types', () => {
  it('are discovered with n8n field names and their secrets declared', async () => {
    const registry = await builtinNodes();
    for (const [name, expected] of Object.entries(EXPECTED)) {
      const type = registry.credentialType(name);
      expect(type?.name).toBe(name);
      expect(Object.keys(type?.fields ?? {})).toEqual(expected.fields);
      expect(type?.secretFields).toEqual(expected.secret);
      for (const secret of expected.secret) {
        const field = toFormFields(type?.fields ?? {}).find((f) => f.name === secret);
        // Server-written secrets are never typed in: hidden rather than a password box.
        expect(['password', 'hidden']).toContain(field?.widget);
      }
    }
  });

  it('only OAuth2 and OAuth1 have a connection test (the others have no URL to try)', async () => {
    const registry = await builtinNodes();
    expect(Object.keys(EXPECTED).filter((name) => registry.credentialType(name)?.test)).toEqual([
      'oAuth2Api',
      'oAuth1Api',
    ]);
  });

  it('the HTTP Request node offers one slot per generic and predefined type, plus SSL certificates', async () => {
    const registry = await builtinNodes();
    const node = registry.get('guixu.httpRequest');
    const slots = new Set([...Object.keys(EXPECTED), ...PREDEFINED_CREDENTIAL_TYPES]);
    expect(node.credentials?.map((c) => c.name).sort()).toEqual([...slots].sort());
    for (const name of PREDEFINED_CREDENTIAL_TYPES) expect(registry.credentialType(name)?.name).toBe(name);
  });
});

describe('credential slots of built-in nodes', () => {
  it('every slot a node declares has a credential type, with password or hidden widgets for its secrets', async () => {
    const registry = await builtinNodes();
    const slots = registry
      .list()
      .flatMap((node) => (node.credentials ?? []).map((c) => `${node.type} ${c.name}`));
    expect(slots.length).toBeGreaterThan(0);
    for (const slot of slots) {
      const type = registry.credentialType(slot.split(' ')[1] ?? '');
      expect(type, slot).toBeDefined();
      const form = toFormFields(type?.fields ?? {});
      for (const secret of type?.secretFields ?? []) {
        expect(['password', 'hidden'], `${slot} ${secret}`).toContain(
          form.find((f) => f.name === secret)?.widget,
        );
      }
    }
  });

  it('the Webhook trigger offers Basic, Header, JWT and HMAC credentials, one per authentication', async () => {
    const registry = await builtinNodes();
    const webhook = registry.get('guixu.webhook');
    expect(webhook.credentials?.map((c) => [c.name, c.displayOptions?.show?.authentication])).toEqual([
      ['httpBasicAuth', ['basicAuth']],
      ['httpHeaderAuth', ['headerAuth']],
      ['jwtAuth', ['jwtAuth']],
      ['webhookHmacAuth', ['hmac']],
    ]);
    expect(registry.credentialType('webhookHmacAuth')?.secretFields).toEqual(['secret']);
  });

  it('JWT Auth has n8n field names, shows the secret or the PEM keys by key type', async () => {
    const registry = await builtinNodes();
    const type = registry.credentialType('jwtAuth');
    const form = toFormFields(type?.fields ?? {});
    expect(form.map((f) => [f.name, f.widget, f.displayOptions?.show?.keyType])).toEqual([
      ['keyType', 'select', undefined],
      ['secret', 'password', ['passphrase']],
      ['privateKey', 'password', ['pemKey']],
      ['publicKey', 'textarea', ['pemKey']],
      ['algorithm', 'select', undefined],
    ]);
    expect(type?.secretFields).toEqual(['secret', 'privateKey']);
    expect(form.find((f) => f.name === 'algorithm')?.options?.map((o) => o.value)).not.toContain('none');
  });
});
