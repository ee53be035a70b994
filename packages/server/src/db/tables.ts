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

/** One model call (features/ai-usage). */
export interface LlmUsageTable {
  id: string;
  project_id: string | null;
  workflow_id: string | null;
  execution_id: string | null;
  node: string;
  provider: string;
  model: string;
  input_tokens: number;
  output_tokens: number;
  latency_ms: number;
  cost: number | null;
  currency: string | null;
  day: string;
  month: string;
  created_at: Timestamp;
}

/** Price per million tokens; `project_key` '' is instance-wide, `provider` '' any provider. */
export interface LlmPricesTable {
  id: string;
  project_key: string;
  provider: string;
  model: string;
  input_per_million: number;
  output_per_million: number;
  currency: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AiBudgetsTable {
  project_id: string;
  monthly_limit: number;
  currency: string;
  updated_at: Timestamp;
}

/** One chat turn kept by the Window Buffer Memory (features/ai-chat). */
export interface AiChatMessagesTable {
  id: string;
  project_id: string | null;
  workflow_id: string | null;
  session_key: string;
  session_id: string;
  messages: JsonRequired;
  seq: number;
  created_at: Timestamp;
}

export interface PromptTemplatesTable {
  id: string;
  project_id: string;
  name: string;
  description: string;
  latest_version: number;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PromptTemplateVersionsTable {
  template_id: string;
  version: number;
  system: string;
  prompt: string;
  variables: JsonRequired;
  created_by: string | null;
  created_at: Timestamp;
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
  llm_usage: LlmUsageTable;
  llm_prices: LlmPricesTable;
  ai_budgets: AiBudgetsTable;
  ai_chat_messages: AiChatMessagesTable;
  prompt_templates: PromptTemplatesTable;
  prompt_template_versions: PromptTemplateVersionsTable;
  knowledge_bases: KnowledgeBasesTable;
  knowledge_documents: KnowledgeDocumentsTable;
  workflow_static_data: WorkflowStaticDataTable;
  workflow_callback_secrets: WorkflowCallbackSecretsTable;
  workflow_callback_deliveries: WorkflowCallbackDeliveriesTable;
  subworkflow_waits: SubworkflowWaitsTable;
}

/** Migration 0005: knowledge bases (settings as JSON text on SQLite, json on PostgreSQL). */
export interface KnowledgeBasesTable {
  id: string;
  project_id: string;
  name: string;
  description: string;
  chunking: JsonRequired;
  embedding: JsonRequired;
  created_at: string;
  updated_at: string;
}

export interface KnowledgeDocumentsTable {
  id: string;
  knowledge_base_id: string;
  name: string;
  mime_type: string;
  /** The extracted text, split again on re-index. */
  content: string;
  status: string;
  error: Json;
  chunk_count: number;
  created_at: string;
  updated_at: string;
}

/** Migration 0007: workflow callbacks (the secret is an instance-key envelope). */
export interface WorkflowCallbackSecretsTable {
  workflow_id: string;
  secret: string;
  created_at: Timestamp;
}

export interface WorkflowCallbackDeliveriesTable {
  id: string;
  workflow_id: string;
  execution_id: string;
  url: string;
  /** The JSON body, as signed. */
  payload: string;
  status: 'pending' | 'failed';
  attempts: number;
  next_attempt_at: Timestamp;
  last_error: string | null;
  created_at: Timestamp;
}

/** Migration 0006-static-data: a workflow's `$getWorkflowStaticData` objects. */
export interface WorkflowStaticDataTable {
  workflow_id: string;
  data: JsonRequired;
  updated_at: Timestamp;
}

/** Migration 0008: a parent execution waiting at its Execute Workflow node for a child that suspended. */
export interface SubworkflowWaitsTable {
  child_execution_id: string;
  parent_execution_id: string;
  parent_node: string;
  parent_run_index: number;
  item_index: number | null;
  created_at: Timestamp;
}
