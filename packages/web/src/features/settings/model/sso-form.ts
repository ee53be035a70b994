import { type authRoutes, type BodyOf, CREDENTIAL_SECRET_MASK } from '@guixu/api';

type OidcSettings = BodyOf<typeof authRoutes.putOidc>;

export type SsoRole = 'admin' | 'member';
export interface SsoForm {
  enabled: boolean;
  discoveryUrl: string;
  clientId: string;
  /** Typed by the user; empty keeps the stored secret (the server never sends it back). */
  clientSecret: string;
  /** Whether the server holds a secret already. */
  secretStored: boolean;
  scopes: string;
  roleClaim: string;
  roleMapping: { claim: string; role: SsoRole }[];
  defaultRole: SsoRole;
  autoCreate: boolean;
}
export type SsoField = 'discoveryUrl' | 'clientId' | 'clientSecret' | 'scopes' | 'roleMapping';

const DISCOVERY_PATH = '/.well-known/openid-configuration';

/** The form for the stored settings (or the defaults when SSO was never configured). */
export function toForm(settings: OidcSettings | null): SsoForm {
  return {
    enabled: settings?.enabled ?? false,
    discoveryUrl: settings?.discoveryUrl ?? '',
    clientId: settings?.clientId ?? '',
    clientSecret: '',
    secretStored: (settings?.clientSecret ?? '') !== '',
    scopes: settings?.scopes ?? 'openid email profile',
    roleClaim: settings?.roleClaim ?? 'groups',
    roleMapping: Object.entries(settings?.roleMapping ?? {}).map(([claim, role]) => ({ claim, role })),
    defaultRole: settings?.defaultRole ?? 'member',
    autoCreate: settings?.autoCreate ?? true,
  };
}

/** An issuer URL given instead of its discovery document is completed, as most providers document the issuer. */
export function discoveryUrlOf(input: string): string {
  const url = input.trim();
  if (url === '' || url.includes('/.well-known/')) return url;
  return `${url.replace(/\/+$/, '')}${DISCOVERY_PATH}`;
}

/** Problems the server would refuse, as message keys per field (checked before the request is sent). */
export function validateSso(form: SsoForm): Partial<Record<SsoField, string>> {
  const problems: Partial<Record<SsoField, string>> = {};
  const url = discoveryUrlOf(form.discoveryUrl);
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (url === '') problems.discoveryUrl = 'access.sso.required';
  else if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:'))
    problems.discoveryUrl = 'access.sso.badUrl';
  if (form.clientId.trim() === '') problems.clientId = 'access.sso.required';
  if (form.enabled && !form.secretStored && form.clientSecret === '')
    problems.clientSecret = 'access.sso.secretNeeded';
  if (!form.scopes.split(/\s+/).includes('openid')) problems.scopes = 'access.sso.openidScope';
  const claims = form.roleMapping.map((r) => r.claim.trim());
  if (claims.some((c) => c === '') || new Set(claims).size !== claims.length)
    problems.roleMapping = 'access.sso.badMapping';
  return problems;
}

/** The PUT body: an empty secret field sends the mask, which the server reads as "keep the stored one". */
export function toBody(form: SsoForm): OidcSettings {
  const secret =
    form.clientSecret !== '' ? form.clientSecret : form.secretStored ? CREDENTIAL_SECRET_MASK : '';
  return {
    enabled: form.enabled,
    discoveryUrl: discoveryUrlOf(form.discoveryUrl),
    clientId: form.clientId.trim(),
    clientSecret: secret,
    scopes: form.scopes.trim().split(/\s+/).join(' '),
    roleClaim: form.roleClaim.trim() || 'groups',
    roleMapping: Object.fromEntries(form.roleMapping.map((r) => [r.claim.trim(), r.role])),
    defaultRole: form.defaultRole,
    autoCreate: form.autoCreate,
  };
}
