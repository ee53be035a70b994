import type { ColumnType } from 'kysely';

/**
 * Row types as the drivers hand them over. JSON columns are text on SQLite and
 * jsonb on PostgreSQL, booleans 0/1 or true/false: read them through the
 * dialect adapter (`readJson`, `readBool`), write through `json`, `bool`.
 */
type Json = ColumnType<unknown, string | null, string | null>;
type JsonRequired = ColumnType<unknown, string, string>;
type Bool = ColumnType<unknown, number | boolean, number | boolean>;
/** ISO-8601 text in and out (the PostgreSQL pool parses timestamptz to ISO). */
type Timestamp = string;

export interface WorkflowsTable {
  id: string;
  project_id: string | null;
  name: string;
  active: Bool;
  nodes: JsonRequired;
  connections: JsonRequired;
  settings: JsonRequired;
  pin_data: Json;
  meta: Json;
  /** Trigger nodes' persistent data (n8n's staticData). */
  static_data: Json;
  version: number;
  version_id: string;
  trigger_count: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  deleted_at: Timestamp | null;
}

export interface WorkflowVersionsTable {
  id: string;
  workflow_id: string;
  version: number;
  name: string;
  document: JsonRequired;
  author: string;
  message: string | null;
  created_at: Timestamp;
}

export interface TagsTable {
  id: string;
  project_id: string | null;
  name: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface WorkflowTagsTable {
  workflow_id: string;
  tag_id: string;
}

export interface ExecutionsTable {
  id: string;
  project_id: string | null;
  workflow_id: string | null;
  workflow_version: number | null;
  /** Snapshot for runs of a document that is not stored (editor runs of unsaved changes). */
  workflow_data: Json;
  status: string;
  mode: string;
  /** What started it: trigger node name, kind, request summary. */
  trigger: Json;
  parent_execution_id: string | null;
  retry_of: string | null;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  duration_ms: number | null;
  wait_till: Timestamp | null;
  error: Json;
  /** Latest full run state (run data + scheduler queue), written at suspension and at the end. */
  run_state: Json;
  /** Crash recovery: which process owns a running execution and when it last said so. */
  instance_id: string | null;
  heartbeat_at: Timestamp | null;
  created_at: Timestamp;
}

export interface ExecutionCheckpointsTable {
  execution_id: string;
  seq: number;
  kind: string;
  /** Compact JSON text on both backends: written often, read only to resume. */
  payload: string;
  created_at: Timestamp;
}

export interface WebhooksTable {
  method: string;
  path: string;
  workflow_id: string;
  node_id: string;
  node_name: string;
  /** Path has `:param` segments; matched segment by segment. */
  is_dynamic: Bool;
  segment_count: number;
  project_id: string | null;
  created_at: Timestamp;
}

export interface TriggerStateTable {
  workflow_id: string;
  node_id: string;
  kind: string;
  state: Json;
  next_fire_at: Timestamp | null;
  last_fired_at: Timestamp | null;
  /** Key of the last tick claimed: a tick is fired only by whoever claims it first. */
  last_tick: string | null;
  lease_owner: string | null;
  lease_until: Timestamp | null;
  updated_at: Timestamp;
}

export interface BinaryDataTable {
  id: string;
  execution_id: string | null;
  mime_type: string;
  file_name: string | null;
  size: number;
  storage_key: string;
  created_at: Timestamp;
}

export interface InstanceSettingsTable {
  key: string;
  value: JsonRequired;
  updated_at: Timestamp;
}

export interface Tables {
  workflows: WorkflowsTable;
  workflow_versions: WorkflowVersionsTable;
  tags: TagsTable;
  workflow_tags: WorkflowTagsTable;
  executions: ExecutionsTable;
  execution_checkpoints: ExecutionCheckpointsTable;
  webhooks: WebhooksTable;
  trigger_state: TriggerStateTable;
  binary_data: BinaryDataTable;
  instance_settings: InstanceSettingsTable;
}
