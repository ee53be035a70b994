import {
  type Connections,
  type ConnectionType,
  type NodeRegistry,
  versionsOf,
  type WorkflowNode,
} from '@guixu/core';
import { connectOnce } from '../shared/connections.ts';
import type { CredentialNeed, NodeReport } from '../shared/report.ts';
import type { UniqueNames } from '../shared/unique-names.ts';
import type { DifyApp } from './dify-file.ts';
import type { DifyContext } from './dify-mapping.ts';
import type { Placement } from './placement.ts';
import { selectorExpression, templateExpression } from './selectors.ts';

/** The workflow an import is building, and what every step of it needs. */
export interface DifyBuild {
  app: DifyApp;
  registry: NodeRegistry;
  names: UniqueNames;
  placement: Placement;
  nodes: WorkflowNode[];
  connections: Connections;
  reports: NodeReport[];
  credentials: CredentialNeed[];
  warnings: string[];
}

export function connect(
  build: DifyBuild,
  from: string,
  output: number,
  to: string,
  type: ConnectionType = 'main',
): void {
  connectOnce(build.connections, from, output, to, type);
}

/** The newest version of a node type in this installation (1 when it is missing). */
export function latest(build: DifyBuild, type: string): number {
  const definition = build.registry.find(type);
  return definition ? Math.max(...versionsOf(definition)) : 1;
}

/** What a mapping sees: selectors resolved from inside container `readerParent`, warnings to `warn`. */
export function contextFor(
  build: DifyBuild,
  readerParent: string | undefined,
  warn: (message: string) => void,
): DifyContext {
  const targets = build.placement.targetsFor(readerParent);
  return {
    registry: build.registry,
    mode: build.app.mode,
    read: (selector) => selectorExpression(selector, targets, warn),
    template: (value) => templateExpression(value, targets, warn),
    warn,
  };
}
