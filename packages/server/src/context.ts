import type { NodeRegistry } from '@guixu/core';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { ServerConfig } from './config.ts';
import type { Database } from './db/dialect.ts';
import type { AiChatService } from './features/ai-chat/plugin.ts';
import type { PromptTemplateStore } from './features/ai-prompts/store.ts';
import type { AiUsageService } from './features/ai-usage/plugin.ts';
import type { AccountService } from './features/auth/accounts.ts';
import type { AuditLog } from './features/audit/audit-log.ts';
import type { CredentialStore } from './features/credentials/store.ts';
import type { ProjectService } from './features/projects/service.ts';
import type { VariableStore } from './features/variables/store.ts';
import type { KnowledgeBaseService } from './features/knowledge-bases/service.ts';
import type { TagRepository } from './features/tags/repository.ts';
import type { TriggerService } from './features/triggers/trigger-service.ts';
import type { WorkflowService } from './features/workflows/service.ts';
import type { ContractRegistry } from './http/route.ts';
import type { InProcessRunner } from './runner/runner.ts';
import type { Lifecycle } from './lifecycle.ts';
import type { MetricsRegistry } from './observability/metrics.ts';
import type { ReadinessChecks } from './readiness.ts';
import type { SecurityCore } from './security/core.ts';
import type { TriggerRegistry } from './triggers.ts';

/**
 * What features share. A feature that offers a service to others adds a field
 * here and sets it in its `setup`.
 */
export interface ServerContext {
  config: ServerConfig;
  database: Database;
  registry: NodeRegistry;
  metrics: MetricsRegistry;
  lifecycle: Lifecycle;
  contracts: ContractRegistry;
  log: Logger;
  /** Replaced in `setup` by the feature that fires activated workflows. */
  triggers: TriggerRegistry;
  services: Services;
  /** True once migrations ran; `/readyz` reports it. */
  migrated: boolean;
  /** Probes of optional dependencies (S3, the queue's Redis) a feature adds in `setup`; `/readyz` runs them. */
  readiness: ReadinessChecks;
}

/** Services features offer each other. A feature adds its entry here and `provide`s it in `setup`. */
export interface ServiceMap {
  /** The execution runner (an `ExecutionRunner`, see runner/types.ts); set by features/executions. */
  executions: InProcessRunner;
  tags: TagRepository;
  workflows: WorkflowService;
  /** Webhooks and schedules of active workflows (features/triggers). */
  triggers: TriggerService;
  /** Keys, token signer, authentication (features/auth). */
  security: SecurityCore;
  accounts: AccountService;
  projects: ProjectService;
  audit: AuditLog;
  credentials: CredentialStore;
  variables: VariableStore;
  /** Model-call usage, prices and budgets, and the runs' AI host (features/ai-usage). */
  aiUsage: AiUsageService;
  /** Chat memory in the database and streamed answers (features/ai-chat). */
  aiChat: AiChatService;
  aiPrompts: PromptTemplateStore;
  /** Knowledge bases: documents, chunks, search (features/knowledge-bases). */
  knowledgeBases: KnowledgeBaseService;
}

export class Services {
  private readonly entries = new Map<keyof ServiceMap, ServiceMap[keyof ServiceMap]>();
  provide<K extends keyof ServiceMap>(name: K, service: ServiceMap[K]): void {
    this.entries.set(name, service);
  }
  get<K extends keyof ServiceMap>(name: K): ServiceMap[K] {
    const service = this.entries.get(name);
    if (service === undefined) throw new Error(`Service "${name}" is not set up; check feature order`);
    // The map is keyed so that each name only ever holds its own service type.
    return service as ServiceMap[K];
  }
}

/**
 * A feature folder's `plugin.ts` exports one of these as `feature`. `setup`
 * (all features, in `order`) creates services on the context; `routes` then
 * registers HTTP routes in an encapsulated Fastify plugin.
 */
export interface Feature {
  name: string;
  /** Lower runs first; default 100. */
  order?: number;
  setup?(ctx: ServerContext): Promise<void> | void;
  routes?(app: FastifyInstance, ctx: ServerContext): Promise<void> | void;
  /** Just before the server listens: re-activate workflows, start schedulers, recover runs. */
  start?(ctx: ServerContext): Promise<void> | void;
}
