import { createVerify, generateKeyPairSync } from 'node:crypto';
import { MemoryBinaryStore, testNode, testNodeError } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import crypto from './crypto.node.ts';

describe('Crypto: hash and hmac', () => {
  it('hashes a value with the chosen algorithm and encoding, keeping other fields', async () => {
    const md5 = await testNode(crypto, { parameters: { value: 'abc' }, items: [{ id: 1 }] });
    expect(md5.json[0]).toEqual([{ id: 1, data: '900150983cd24fb0d6963f7d28e17f72' }]);
    expect(md5.outputs[0][0].pairedItem).toEqual({ item: 0 });
    const sha256 = await testNode(crypto, {
      parameters: { value: 'abc', type: 'SHA256', dataPropertyName: 'hash.value' },
    });
    // A dot in the property name is part of the key (n8n writes the literal key).
    expect(sha256.json[0][0]).toEqual({
      'hash.value': 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    });
    const sha3 = await testNode(crypto, { parameters: { value: 'abc', type: 'SHA3-256' } });
    expect(sha3.json[0][0].data).toBe('3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532');
    const base64 = await testNode(crypto, { parameters: { value: 'abc', type: 'SHA1', encoding: 'base64' } });
    expect(base64.json[0][0].data).toBe('qZk+NkcGgWq6PiVxeFDCbJzQ2J0=');
  });

  it('computes an HMAC with a secret', async () => {
    const result = await testNode(crypto, {
      parameters: {
        action: 'hmac',
        type: 'SHA256',
        secret: 'key',
        value: 'The quick brown fox jumps over the lazy dog',
        dataPropertyName: 'candidateSignature',
      },
    });
    expect(result.json[0][0].candidateSignature).toBe(
      'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
  });

  it('hashes a binary file from the binary store', async () => {
    const store = new MemoryBinaryStore();
    const ref = await store.put(new TextEncoder().encode('abc'), { mimeType: 'text/plain' });
    const result = await testNode(crypto, {
      parameters: { binaryData: true, binaryPropertyName: 'file', type: 'SHA256' },
      items: [{ json: {}, binary: { file: ref } }],
      services: { binary: store },
    });
    expect(result.json[0][0].data).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(result.outputs[0][0].binary).toEqual({ file: ref });
  });

  it('fails clearly when the binary file is missing, or continues', async () => {
    const parameters = { binaryData: true, binaryPropertyName: 'file' };
    const error = await testNodeError(crypto, { parameters, items: [{}] });
    expect(error.code).toBe('BINARY_MISSING');
    expect(error.message).toBe(
      "This operation expects the node's input data to contain a binary file 'file', but none was found [item 0]",
    );
    expect(error.node).toBe('Crypto');
    const continued = await testNode(crypto, { parameters, items: [{}], onError: 'continueErrorOutput' });
    expect(continued.outputs[0][0].json.error).toContain("binary file 'file'");
  });
});

describe('Crypto: sign', () => {
  it('signs with a private key so the public key verifies it', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const result = await testNode(crypto, {
      parameters: {
        action: 'sign',
        algorithm: 'RSA-SHA256',
        privateKey: pem,
        value: 'payload',
        encoding: 'base64',
      },
    });
    const signature = String(result.json[0][0].data);
    const verifier = createVerify('RSA-SHA256');
    verifier.update('payload');
    expect(verifier.verify(publicKey, signature, 'base64')).toBe(true);
  });

  it('reports a bad key clearly', async () => {
    const error = await testNodeError(crypto, {
      parameters: { action: 'sign', privateKey: 'not a key', value: 'x' },
    });
    expect(error.code).toBe('CRYPTO_SIGN_FAILED');
    expect(error.parameter).toBe('privateKey');
  });
});

describe('Crypto: generate', () => {
  it('generates UUIDs and random strings of the requested length', async () => {
    const uuid = await testNode(crypto, { parameters: { action: 'generate' }, items: [{}, {}] });
    const [a, b] = uuid.json[0].map((j) => String(j.data));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
    for (const [encodingType, pattern] of [
      ['hex', /^[0-9a-f]{21}$/],
      ['base64', /^[A-Za-z0-9]{21}$/],
      ['ascii', /^[A-Za-z0-9]{21}$/],
    ] as const) {
      const result = await testNode(crypto, {
        parameters: { action: 'generate', encodingType, stringLength: 21, dataPropertyName: 'token' },
      });
      expect(String(result.json[0][0].token)).toMatch(pattern);
    }
  });
});

describe('Crypto: expressions', () => {
  it('hashes a value resolved per item', async () => {
    const result = await testNode(crypto, {
      parameters: {
        type: 'SHA256',
        value: '={{ $json.sigBaseString }}',
        action: 'hmac',
        secret: 'key',
        dataPropertyName: 'candidateSignature',
      },
      items: [{ sigBaseString: 'The quick brown fox jumps over the lazy dog' }],
    });
    expect(result.json[0][0].candidateSignature).toBe(
      'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
  });
});
