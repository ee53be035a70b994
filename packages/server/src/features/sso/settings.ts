import { CREDENTIAL_SECRET_MASK, oidcSettingsSchema } from '@guixu/api';
import { sql } from 'kysely';
import type { z } from 'zod';
import { nowIso } from '../../ids.ts';
import type { SecurityCore } from '../../security/core.ts';

export type OidcSettings = z.output<typeof oidcSettingsSchema>;
const KEY = 'sso.oidc';

/** OIDC settings in instance_settings; the client secret is stored as an encryption envelope. */
export class OidcSettingsStore {
  constructor(private readonly security: SecurityCore) {}

  async get(): Promise<OidcSettings | null> {
    const row = await this.security.db
      .selectFrom('instance_settings')
      .select('value')
      .where('key', '=', KEY)
      .executeTakeFirst();
    if (row === undefined) return null;
    const parsed = oidcSettingsSchema.safeParse(this.security.database.adapter.readJson(row.value));
    if (!parsed.success) return null;
    return {
      ...parsed.data,
      clientSecret:
        parsed.data.clientSecret === '' ? '' : this.security.cipher.decrypt(parsed.data.clientSecret),
    };
  }

  masked(settings: OidcSettings): OidcSettings {
    return { ...settings, clientSecret: settings.clientSecret === '' ? '' : CREDENTIAL_SECRET_MASK };
  }

  async put(next: OidcSettings): Promise<OidcSettings> {
    const current = await this.get();
    const secret =
      next.clientSecret === CREDENTIAL_SECRET_MASK ? (current?.clientSecret ?? '') : next.clientSecret;
    const stored = { ...next, clientSecret: secret === '' ? '' : this.security.cipher.encrypt(secret) };
    await this.security.db
      .insertInto('instance_settings')
      .values({ key: KEY, value: this.security.database.adapter.json(stored), updated_at: nowIso() })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ value: sql`excluded.value`, updated_at: sql`excluded.updated_at` }),
      )
      .execute();
    return { ...next, clientSecret: secret };
  }
}
