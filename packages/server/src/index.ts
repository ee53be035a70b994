export { buildApp, type BuildAppOptions, type GuixuApp } from './app.ts';
export {
  ConfigError,
  type ConfigIssue,
  type DatabaseConfig,
  type LoadConfigOptions,
  loadConfig,
  loadConfigOrExit,
  type ServerConfig,
} from './config.ts';
export type { Feature, ServerContext, ServiceMap } from './context.ts';
export type { Database, DialectAdapter } from './db/dialect.ts';
export type {
  CheckpointInsert,
  ExecutionInsert,
  ExecutionUpdate,
  ExecutionWriter,
  WriteBatch,
} from './db/execution-writer.ts';
export { type MigrationReport, migrateToLatest } from './db/migrate.ts';
export { openDatabase } from './db/open.ts';
export type { Tables } from './db/tables.ts';
export type { WorkflowImporter } from './features/workflows/importers.ts';
export type { WorkflowService } from './features/workflows/service.ts';
export { conflict, notFound, registerErrorStatus } from './http/http-errors.ts';
export { parseInput } from './http/parse-input.ts';
export { route } from './http/route.ts';
export { Lifecycle, type ShutdownHook } from './lifecycle.ts';
export { createLogger } from './logger.ts';
export { Counter, Gauge, Histogram, MetricsRegistry } from './observability/metrics.ts';
export type { InProcessRunner } from './runner/runner.ts';
export type {
  ExecutionHandle,
  ExecutionRunner,
  RunnerEvent,
  SaveDataPolicy,
  StartExecutionRequest,
} from './runner/types.ts';
export { ConcurrencyLimiter, type LimiterOptions } from './runtime/concurrency-limiter.ts';
export { migrate, type RunningServer, type StartOptions, startServer } from './server.ts';
export { type ActivatedWorkflow, inertTriggers, type TriggerRegistry } from './triggers.ts';
export { AuditLog, type AuditEvent, diffSummary } from './features/audit/audit-log.ts';
export { AccountService } from './features/auth/accounts.ts';
export { CredentialStore } from './features/credentials/store.ts';
export { ProjectService } from './features/projects/service.ts';
export { VariableStore } from './features/variables/store.ts';
export { createOwner, type RotationReport, rotateEncryptionKey } from './security/admin-tasks.ts';
export {
  type BackupOptions,
  createBackup,
  type RestoreReport,
  restoreBackup,
} from './backup/backup.ts';
export type { BackupManifest } from './backup/manifest.ts';
export { SecurityCore } from './security/core.ts';
export { installHardening } from './security/hardening.ts';
export { hardenProcess } from './harden-process.ts';
export type { Action, Actor, InstanceRole, ProjectRole, Resource, ResourceRef } from './security/policy.ts';
export { can, decide } from './security/policy.ts';
export { type AccessRule, checkAccess, requireActor } from './security/require-access.ts';
export { actorScope, scopeToActor } from './security/scope.ts';
export { ownRecord, PUBLIC, type RouteAccess, SIGNED_IN } from './security/route-access.ts';
export { type AccessControlOptions, installAccessControl } from './security/access-control.ts';
