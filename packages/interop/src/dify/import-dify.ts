import { randomUUID } from 'node:crypto';
import type { NodeRegistry, Workflow } from '@guixu/core';
import { finishImport, type ImportResult } from '../shared/finish-import.ts';
import { UniqueNames } from '../shared/unique-names.ts';
import { wireContainerBodies } from './containers.ts';
import { conversationVariablesNode } from './conversation-variables.ts';
import { connect, type DifyBuild, latest } from './dify-build.ts';
import { readDifyApp } from './dify-file.ts';
import { connectEdges } from './edges.ts';
import { placeNodes } from './placement.ts';
import { translateDifyNode } from './translate-node.ts';

export interface DifyImportOptions {
  registry: NodeRegistry;
  fileName?: string;
}

/**
 * Converts a Dify app (DSL YAML) into a GuixuFlow workflow plus a report: names are
 * claimed first (selectors may point anywhere), then each node is translated by its
 * mapping (`mappings/`), then edges, conversation variables and container bodies are wired.
 */
export function importDify(input: unknown, options: DifyImportOptions): ImportResult {
  const warnings: string[] = [];
  const app = readDifyApp(input, options.fileName, (m) => warnings.push(m));
  const names = new UniqueNames();
  const build: DifyBuild = {
    app,
    registry: options.registry,
    names,
    placement: placeNodes(app, names),
    nodes: [],
    connections: {},
    reports: [],
    credentials: [],
    warnings,
  };
  const { startNode, startName, conversationName } = build.placement;
  if (!startNode) {
    warnings.push('The app has no start node; a Manual Trigger named "Start" was added.');
    build.nodes.push({
      id: randomUUID(),
      name: startName,
      type: 'guixu.manualTrigger',
      typeVersion: latest(build, 'guixu.manualTrigger'),
      position: [0, 0],
      parameters: {},
    });
  }
  for (const raw of app.nodes) translateDifyNode(build, raw);
  if (conversationName) build.nodes.push(conversationVariablesNode(build, conversationName));
  connectEdges(build);
  if (startNode && conversationName) connect(build, startName, 0, conversationName);
  else if (!startNode && build.nodes.length > 1)
    warnings.push('Nothing is connected to the added trigger; connect it to the first node.');
  wireContainerBodies(build);

  const workflow: Workflow = {
    name: app.name,
    nodes: build.nodes,
    connections: build.connections,
    settings: { executionOrder: 'v1' },
    meta: {
      importedFrom: {
        format: 'dify',
        mode: app.mode,
        version: app.version,
        ...(options.fileName ? { fileName: options.fileName } : {}),
      },
      ...(app.description ? { description: app.description } : {}),
    },
  };
  return finishImport({
    source: 'dify',
    fileName: options.fileName,
    registry: options.registry,
    workflow,
    nodes: build.reports,
    credentials: build.credentials,
    warnings,
  });
}
