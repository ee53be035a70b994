import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GuixuError, type NodeRegistry } from '@guixu/core';
import { expect, it } from 'vitest';
import type { ImportReport } from '../src/index.ts';

/** The shared corpus beside the repository (`../shared/fixtures`), as CI sees it. */
export const FIXTURES =
  process.env.GUIXU_FIXTURES ?? resolve(import.meta.dirname, '../../../../shared/fixtures');

export interface CorpusOutcome {
  file: string;
  report?: ImportReport;
  /** IMPORT_INVALID_FILE and friends: a precise refusal. */
  refused?: GuixuError;
  /** Anything else thrown: a crash. */
  crashed?: unknown;
}

export function runCorpus(
  folder: 'n8n' | 'dify',
  importer: (text: string, options: { registry: NodeRegistry; fileName: string }) => { report: ImportReport },
  registry: NodeRegistry,
): CorpusOutcome[] {
  const dir = join(FIXTURES, folder);
  return readdirSync(dir)
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      try {
        return { file, report: importer(text, { registry, fileName: file }).report };
      } catch (error) {
        if (error instanceof GuixuError && error.code === 'IMPORT_INVALID_FILE')
          return { file, refused: error };
        return { file, crashed: error };
      }
    });
}

/** Source node type → how often it occurs and how often it was mapped, most frequent first. */
export function coverageTable(outcomes: CorpusOutcome[]): string {
  const rows = new Map<string, { count: number; mapped: number; dropped: number; target: string }>();
  for (const outcome of outcomes) {
    for (const node of outcome.report?.nodes ?? []) {
      const row = rows.get(node.sourceType) ?? { count: 0, mapped: 0, dropped: 0, target: '' };
      row.count += 1;
      if (node.status === 'dropped') row.dropped += 1;
      if (node.status === 'mapped') {
        row.mapped += 1;
        row.target = node.targetType ?? '';
      }
      rows.set(node.sourceType, row);
    }
  }
  const sorted = [...rows.entries()].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]));
  const lines = sorted.map(([type, row]) => {
    const state =
      row.mapped === row.count ? 'mapped' : row.mapped === 0 ? 'placeholder' : `partly (${row.mapped})`;
    return `${String(row.count).padStart(5)}  ${state.padEnd(14)} ${type}${row.target ? ` → ${row.target}` : ''}`;
  });
  return [' count  status         source type → GuixuFlow type', ...lines].join('\n');
}

export function percent(part: number, whole: number): string {
  return `${((100 * part) / Math.max(whole, 1)).toFixed(1)}%`;
}

/** Imports a corpus folder; `imported` got a report, `valid` also passes validation. */
export function importCorpus(
  folder: 'n8n' | 'dify',
  importer: (text: string, options: { registry: NodeRegistry; fileName: string }) => { report: ImportReport },
  registry: NodeRegistry,
) {
  const outcomes = runCorpus(folder, importer, registry);
  const imported = outcomes.filter((o) => o.report);
  const valid = imported.filter((o) => o.report?.validation.errors.length === 0);
  return { outcomes, imported, valid };
}

/** Every file imports or is refused with an error that names it; none crashes the importer. */
export function itNeverCrashes(outcomes: CorpusOutcome[]): void {
  it('imports every file or refuses it with a precise error; nothing crashes', () => {
    const crashes = outcomes.filter((o) => o.crashed).map((o) => `${o.file}: ${String(o.crashed)}`);
    expect(crashes).toEqual([]);
    for (const o of outcomes.filter((x) => x.refused)) expect(o.refused?.message).toContain(o.file);
  });
}
