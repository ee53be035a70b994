import { defineCredentialType, p } from '@guixu/core';
import { readCredentialData } from '../credentials/credential-data.ts';
import { testPostgres } from './postgres-pool.ts';

/** n8n's `postgres` credential (its SSH tunnel is not offered). */
export const postgresFields = {
  host: p.string({ label: 'Host', default: 'localhost', required: true }),
  database: p.string({ label: 'Database', default: 'postgres', required: true }),
  user: p.string({ label: 'User', default: 'postgres', required: true }),
  password: p.string({ label: 'Password', password: true }),
  maxConnections: p.number({
    label: 'Maximum Number of Connections',
    description: 'Connections the pool of one execution worker opens at most.',
    default: 100,
    min: 1,
    integer: true,
  }),
  allowUnauthorizedCerts: p.boolean({
    label: 'Ignore SSL Issues (Insecure)',
    description: 'Whether to connect even if the server certificate cannot be verified',
    default: false,
  }),
  ssl: p.options({
    label: 'SSL',
    options: [
      { value: 'allow', label: 'Allow' },
      { value: 'disable', label: 'Disable' },
      { value: 'require', label: 'Require' },
    ],
    default: 'disable',
    displayOptions: { show: { allowUnauthorizedCerts: [false] } },
  }),
  port: p.number({ label: 'Port', default: 5432, min: 1, max: 65535, integer: true }),
};

const shape = { name: 'postgres', displayName: 'Postgres', fields: postgresFields, secretFields: [] };

export default defineCredentialType({
  name: 'postgres',
  displayName: 'Postgres',
  description: 'A PostgreSQL server: host, port, database, user, password and SSL settings.',
  documentationUrl: 'https://www.postgresql.org/docs/current/libpq-connect.html',
  fields: postgresFields,
  secretFields: ['password'],
  async test(raw) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    return testPostgres(read.data);
  },
});
