import type { CorpusOutcome } from './corpus.ts';
import { percent } from './corpus.ts';

/** The README's corpus figures for one source: whole files and single nodes (sticky notes are layout, not counted). */
export interface CorpusNumbers {
  files: number;
  imported: number;
  noPlaceholder: number;
  nodes: number;
  runnable: number;
  placeholders: number;
}

const LAYOUT_ONLY = /(^|\.)(stickyNote|note)$/;

export function corpusNumbers(outcomes: CorpusOutcome[]): CorpusNumbers {
  let nodes = 0;
  let runnable = 0;
  let placeholders = 0;
  let noPlaceholder = 0;
  for (const outcome of outcomes) {
    const report = outcome.report;
    if (!report) continue;
    const counted = report.nodes.filter((n) => n.status !== 'dropped' && !LAYOUT_ONLY.test(n.sourceType));
    nodes += counted.length;
    runnable += counted.filter((n) => n.status === 'mapped').length;
    const held = counted.filter((n) => n.status === 'placeholder').length;
    placeholders += held;
    if (held === 0) noPlaceholder += 1;
  }
  const imported = outcomes.filter((o) => o.report).length;
  return { files: outcomes.length, imported, noPlaceholder, nodes, runnable, placeholders };
}

export function formatCorpusNumbers(source: string, n: CorpusNumbers): string {
  return (
    `${source}: ${n.files} files, ${n.imported} import; ${n.noPlaceholder} (${percent(n.noPlaceholder, n.files)}) ` +
    `import with no placeholder; ${n.nodes} nodes, ${n.runnable} (${percent(n.runnable, n.nodes)}) map to a ` +
    `runnable node, ${n.placeholders} placeholders`
  );
}
