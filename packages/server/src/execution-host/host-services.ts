import type { CredentialProvider, SubWorkflowRunner } from '@guixu/core';
import type { SandboxPool } from '@guixu/nodes';
import type { AiHost } from './ai-services.ts';
import type { KnowledgeHost } from './knowledge-services.ts';

/** What the main thread serves to runs on workers (each call names the execution it is for). */
export interface HostServices {
  /** Credentials a run in `projectId` may use. */
  credentials(projectId: string | null): CredentialProvider;
  /** Execute Workflow through the runner (read when called: it is wired after the runner exists). */
  subWorkflows(): SubWorkflowRunner | undefined;
  /** The one Code-node sandbox pool of this server process. */
  sandbox: SandboxPool;
  /** A worker stored binary data for this execution. */
  binaryWritten(executionId: string): void;
  /** The AI features' host (read when a run starts: they are set up after the runner). */
  ai?(): AiHost | undefined;
  /** Knowledge-base search (features/knowledge-bases; read per call). */
  knowledge?(): KnowledgeHost | undefined;
}
