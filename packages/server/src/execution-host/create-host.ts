import type { DataLimits, NodeRegistry } from '@guixu/core';
import { SandboxPool } from '@guixu/nodes';
import type { ServerConfig } from '../config.ts';
import type { HostServicesSource } from '../runner/runner-types.ts';
import { aiHostOf } from './ai-services.ts';
import { knowledgeHostOf } from './knowledge-services.ts';
import type { ExecutionHost } from './host.ts';
import type { ExecutionSettings } from './settings.ts';
import { WorkerPoolHost } from './worker-pool.ts';

export interface ExecutionHostOptions {
  config: ServerConfig;
  registry: NodeRegistry;
  /** Whether `registry` is the built-in one a worker rebuilds by itself. */
  builtinRegistry: boolean;
  log: { warn(obj: object, msg: string): void };
}

/**
 * The server's execution host: a pool of worker threads. Undefined (the runner
 * then runs the engine on this thread) with `GUIXU_EXECUTION_WORKERS=0` or a
 * node registry a worker cannot rebuild (embedding with custom nodes).
 */
export function createExecutionHost(
  options: ExecutionHostOptions,
): ((runner: HostServicesSource) => ExecutionHost) | undefined {
  const { config } = options;
  const settings = config.executions;
  if (settings.workers === 0 || !options.builtinRegistry) return undefined;
  return (runner) => {
    const sandbox = runner.services.codeSandbox;
    return new WorkerPoolHost({
      workers: settings.workers,
      heapMb: settings.memoryMb,
      cpuBudgetMs: settings.cpuLimitMs,
      init: {
        dataDir: config.dataDir,
        binaryStore: config.binaryStore,
        resumeUrlPrefix: runner.resumeUrl(''),
        dataLimits: dataLimitsOf(settings),
        code: config.code,
        ...(config.timezone ? { timezone: config.timezone } : {}),
      },
      log: options.log,
      services: {
        credentials: (projectId) => runner.credentialsFor(projectId),
        subWorkflows: () => runner.services.subWorkflows,
        sandbox: sandbox instanceof SandboxPool ? sandbox : new SandboxPool(),
        binaryWritten: (executionId) => runner.binary.noteWrite(executionId),
        ai: () => aiHostOf(runner.services),
        knowledge: () => knowledgeHostOf(runner.services),
      },
    });
  };
}

export function dataLimitsOf(settings: ExecutionSettings): DataLimits {
  return { nodeOutputBytes: settings.nodeOutputBytes, executionDataBytes: settings.executionDataBytes };
}
