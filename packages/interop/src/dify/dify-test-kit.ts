import type { NodeRegistry, Workflow } from '@guixu/core';
import { stringify } from 'yaml';
import { it } from 'vitest';
import { mappingFiles } from '../mapping-lists.ts';
import type { ImportReport } from '../shared/report.ts';
import { importDify } from './import-dify.ts';

export interface MiniNode {
  id: string;
  data: Record<string, unknown>;
  parentId?: string;
  type?: string;
}

/** A Dify DSL document with a start node ("Start", id `start`, variable `q`) plus `nodes`. */
export function difyApp(
  nodes: MiniNode[],
  edges: { source: string; target: string; sourceHandle?: string }[],
  extra: { mode?: string; version?: string; conversation?: Record<string, unknown>[] } = {},
): string {
  return stringify({
    app: { mode: extra.mode ?? 'workflow', name: 'Test app' },
    kind: 'app',
    version: extra.version ?? '0.1.5',
    workflow: {
      conversation_variables: extra.conversation ?? [],
      graph: {
        nodes: [
          {
            id: 'start',
            type: 'custom',
            position: { x: 0, y: 0 },
            data: { type: 'start', title: 'Start', variables: [{ variable: 'q', type: 'text-input' }] },
          },
          ...nodes.map((n, i) => ({ type: 'custom', position: { x: 200 * (i + 1), y: 0 }, ...n })),
        ],
        edges: edges.map((e, i) => ({ id: `e${i}`, sourceHandle: 'source', targetHandle: 'target', ...e })),
      },
    },
  });
}

export function importApp(
  registry: NodeRegistry,
  text: string,
): { workflow: Workflow; report: ImportReport } {
  return importDify(text, { registry, fileName: 'app.yml' });
}

export function nodeNamed(workflow: Workflow, name: string) {
  const node = workflow.nodes.find((n) => n.name === name);
  if (!node) throw new Error(`no node "${name}" in ${workflow.nodes.map((n) => n.name).join(', ')}`);
  return node;
}

/** The Dify mapping files whose examples live in dify-mappings-ai.test.ts; the rest are in dify-mappings.test.ts. */
export const AI_MAPPINGS: readonly string[] = [
  'llm',
  'question-classifier',
  'parameter-extractor',
  'agent',
  'knowledge-retrieval',
  'tool',
];

/**
 * `test(mapping, title, fn)` registers a before/after example for a mapping file;
 * `uncovered(filter)` lists the mapping files (of those `filter` keeps) without one in this test file.
 */
export function mappingExamples(): {
  test: (mapping: string, title: string, fn: () => void) => void;
  uncovered: (filter: (mapping: string) => boolean) => string[];
} {
  const covered = new Set<string>();
  return {
    test(mapping, title, fn) {
      covered.add(mapping);
      it(`${mapping}: ${title}`, fn);
    },
    uncovered: (filter) =>
      mappingFiles('dify/mappings')
        .map((f) => f.replace(/\.ts$/, ''))
        .filter((f) => filter(f) && !covered.has(f)),
  };
}
