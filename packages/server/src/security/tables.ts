import type { ColumnType, Kysely } from 'kysely';
import type { Database } from '../db/dialect.ts';
import type { Tables } from '../db/tables.ts';

/**
 * Row types of the accounts/projects/credentials tables (migration
 * 0002-accounts). Kept here so the shared `Tables` stays untouched; queries
 * reach them through `securityDb`.
 */
type Json = ColumnType<unknown, string | null, string | null>;
type Bool = ColumnType<unknown, number | boolean, number | boolean>;
type Timestamp = string;

export type UsersTable = {
  id: string;
  email: string;
  display_name: string;
  /** Null for SSO-only accounts and invited users who have not set one yet. */
  password_hash: string | null;
  role: string;
  disabled: Bool;
  failed_logins: number;
  locked_until: Timestamp | null;
  sso_subject: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type SessionsTable = {
  id: string;
  user_id: string;
  /** SHA-256 of the current refresh token; the previous one is kept to detect reuse. */
  refresh_hash: string;
  previous_hash: string | null;
  user_agent: string | null;
  ip: string | null;
  via: string;
  created_at: Timestamp;
  last_used_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
};

export type PasswordTokensTable = {
  token_hash: string;
  user_id: string;
  purpose: string;
  expires_at: Timestamp;
  used_at: Timestamp | null;
  created_at: Timestamp;
};

export type ApiKeysTable = {
  id: string;
  user_id: string;
  name: string;
  secret_hash: string;
  prefix: string;
  scopes: ColumnType<unknown, string, string>;
  expires_at: Timestamp | null;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  created_at: Timestamp;
};

export type ProjectsTable = {
  id: string;
  name: string;
  kind: string;
  /** The user a personal project belongs to. */
  owner_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type ProjectMembersTable = {
  project_id: string;
  user_id: string;
  role: string;
  created_at: Timestamp;
};

export type SharedResourcesTable = {
  resource_type: string;
  resource_id: string;
  project_id: string;
  access: string;
  created_by: string | null;
  created_at: Timestamp;
};

export type CredentialsTable = {
  id: string;
  project_id: string;
  name: string;
  type: string;
  /** AES-256-GCM envelope of the whole data object. */
  data: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type VariablesTable = {
  id: string;
  project_id: string;
  key: string;
  /** Plain text, or an encryption envelope when `secret`. */
  value: string;
  secret: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type AuditLogTable = {
  id: string;
  at: Timestamp;
  actor_id: string | null;
  actor_label: string | null;
  actor_kind: string;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  project_id: string | null;
  ip: string | null;
  summary: string;
  diff: Json;
};

export type SecurityTables = {
  users: UsersTable;
  sessions: SessionsTable;
  password_tokens: PasswordTokensTable;
  api_keys: ApiKeysTable;
  projects: ProjectsTable;
  project_members: ProjectMembersTable;
  shared_resources: SharedResourcesTable;
  credentials: CredentialsTable;
  variables: VariablesTable;
  audit_log: AuditLogTable;
};

export type SecurityDb = Kysely<Tables & SecurityTables>;

export function securityDb(database: Database): SecurityDb {
  return database.db.withTables<SecurityTables>();
}
