import { CREDENTIAL_SECRET_MASK } from '@guixu/api';
import { describe, expect, it } from 'vitest';
import { discoveryUrlOf, toBody, toForm, validateSso } from './sso-form.ts';

const stored = {
  enabled: true,
  discoveryUrl: 'https://id.example.com/.well-known/openid-configuration',
  clientId: 'guixu',
  clientSecret: CREDENTIAL_SECRET_MASK,
  scopes: 'openid email profile',
  roleClaim: 'groups',
  roleMapping: { 'guixu-admins': 'admin' as const },
  defaultRole: 'member' as const,
  autoCreate: false,
};

describe('the single sign-on settings form', () => {
  it('starts from the defaults when SSO was never configured, and refuses what the server would', () => {
    const form = toForm(null);
    expect(form).toMatchObject({
      enabled: false,
      scopes: 'openid email profile',
      roleClaim: 'groups',
      autoCreate: true,
    });
    expect(validateSso(form)).toEqual({
      discoveryUrl: 'access.sso.required',
      clientId: 'access.sso.required',
    });
    form.enabled = true;
    form.discoveryUrl = 'ftp://id.example.com';
    form.clientId = 'guixu';
    form.scopes = 'email';
    form.roleMapping = [
      { claim: 'staff', role: 'member' },
      { claim: 'staff', role: 'admin' },
    ];
    expect(validateSso(form)).toEqual({
      discoveryUrl: 'access.sso.badUrl',
      clientSecret: 'access.sso.secretNeeded',
      scopes: 'access.sso.openidScope',
      roleMapping: 'access.sso.badMapping',
    });
  });

  it('keeps the stored secret when the field is left empty, and sends a new one when typed', () => {
    const form = toForm(stored);
    expect(form.clientSecret).toBe('');
    expect(form.secretStored).toBe(true);
    expect(validateSso(form)).toEqual({});
    expect(toBody(form)).toEqual(stored);
    form.clientSecret = 'new-secret';
    expect(toBody(form).clientSecret).toBe('new-secret');
    expect(toBody(toForm({ ...stored, clientSecret: '' })).clientSecret).toBe('');
  });

  it('maps claim values to roles and completes an issuer URL to its discovery document', () => {
    const form = toForm(stored);
    expect(form.roleMapping).toEqual([{ claim: 'guixu-admins', role: 'admin' }]);
    form.roleMapping.push({ claim: ' staff ', role: 'member' });
    form.discoveryUrl = 'https://id.example.com/realms/main/';
    form.scopes = '  openid   email ';
    const body = toBody(form);
    expect(body.roleMapping).toEqual({ 'guixu-admins': 'admin', staff: 'member' });
    expect(body.discoveryUrl).toBe('https://id.example.com/realms/main/.well-known/openid-configuration');
    expect(body.scopes).toBe('openid email');
    expect(discoveryUrlOf(stored.discoveryUrl)).toBe(stored.discoveryUrl);
  });
});
