import { defineCredentialType, p } from '@guixu/core';
import { readCredentialData } from '../credentials/credential-data.ts';
import { testMySql } from './mysql-pool.ts';

/** n8n's `mySql` credential (its SSH tunnel is not offered). Works with MariaDB too. */
const withSsl = { show: { ssl: [true] } };
export const mySqlFields = {
  host: p.string({ label: 'Host', default: 'localhost', required: true }),
  database: p.string({ label: 'Database', default: 'mysql', required: true }),
  user: p.string({ label: 'User', default: 'mysql', required: true }),
  password: p.string({ label: 'Password', password: true }),
  port: p.number({ label: 'Port', default: 3306, min: 1, max: 65535, integer: true }),
  connectTimeout: p.number({
    label: 'Connect Timeout',
    description: 'Milliseconds before the first connection to the MySQL server gives up',
    default: 10_000,
    min: 1,
    integer: true,
  }),
  ssl: p.boolean({ label: 'SSL', default: false }),
  caCertificate: p.string({ label: 'CA Certificate', password: true, rows: 4, displayOptions: withSsl }),
  clientPrivateKey: p.string({
    label: 'Client Private Key',
    password: true,
    rows: 4,
    displayOptions: withSsl,
  }),
  clientCertificate: p.string({
    label: 'Client Certificate',
    password: true,
    rows: 4,
    displayOptions: withSsl,
  }),
};

const shape = { name: 'mySql', displayName: 'MySQL', fields: mySqlFields, secretFields: [] };

export default defineCredentialType({
  name: 'mySql',
  displayName: 'MySQL',
  description: 'A MySQL or MariaDB server: host, port, database, user, password and SSL settings.',
  documentationUrl: 'https://sidorares.github.io/node-mysql2/docs',
  fields: mySqlFields,
  secretFields: ['password', 'caCertificate', 'clientPrivateKey', 'clientCertificate'],
  async test(raw) {
    const read = readCredentialData(shape, raw);
    if (!read.ok) return { ok: false, message: read.message };
    return testMySql(read.data);
  },
});
