/**
 * Knowledge-base numbers on the embedded database (issue 11 targets): ingestion
 * (split + store, embedding excluded: vectors are precomputed) ≥ 2,000 chunks/s, and
 * similarity search over 100,000 chunks of 384-dim vectors ≤ 50 ms p95 on sqlite-vec.
 * Prints numbers; asserts nothing. Run: `npx tsx bench/ai-vectors.ts`.
 */
import {
  PLAIN_SEPARATORS,
  splitText,
} from '../packages/nodes/src/ai/text-splitter-recursive/recursive-split.ts';
import { SqliteVecBackend } from '../packages/nodes/src/ai/vectors/sqlite-vec-backend.ts';

interface Result {
  name: string;
  value: number;
  unit: string;
  target?: string;
}

const DIMENSIONS = 384;
const CHUNKS = Number(process.env.VECTOR_BENCH_CHUNKS ?? 100_000);
const QUERIES = 200;

function randomVector(seed: number): number[] {
  // Math.imul: a plain product passes 2^53, loses its low bits and made many vectors identical.
  let x = Math.imul(seed, 2654435761) >>> 0;
  const v = new Array<number>(DIMENSIONS);
  for (let i = 0; i < DIMENSIONS; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    v[i] = x / 4294967296 - 0.5;
  }
  return v;
}

export default async function bench(): Promise<Result[]> {
  const backend = new SqliteVecBackend(':memory:');
  const paragraph =
    'Employees get twenty-five days of paid leave. Expenses need receipts within thirty days. ';
  const document = paragraph.repeat(60);
  const perDocument = splitText(document, {
    chunkSize: 500,
    chunkOverlap: 50,
    separators: PLAIN_SEPARATORS,
  }).length;
  const documents = Math.ceil(CHUNKS / perDocument);
  // Every chunk its own vector (kept flat for the exact search that measures recall).
  const all = new Float32Array(CHUNKS * DIMENSIONS);
  const started = performance.now();
  let stored = 0;
  for (let d = 0; d < documents && stored < CHUNKS; d++) {
    const chunks = splitText(document, { chunkSize: 500, chunkOverlap: 50, separators: PLAIN_SEPARATORS });
    stored += await backend.upsert(
      'bench',
      chunks.slice(0, CHUNKS - stored).map((c, i) => {
        const vector = randomVector(stored + i + 1);
        all.set(vector, (stored + i) * DIMENSIONS);
        return {
          documentId: `doc-${d}`,
          text: c.text,
          metadata: { source: `doc-${d}`, chunk: i, start: c.start, end: c.end, n: stored + i },
          vector,
        };
      }),
    );
  }
  const ingestSeconds = (performance.now() - started) / 1000;

  const times: number[] = [];
  const cpu: number[] = [];
  let found = 0;
  for (let q = 0; q < QUERIES; q++) {
    const query = randomVector(1_000_000 + q);
    const t = performance.now();
    const c = process.cpuUsage();
    const hits = await backend.search('bench', { vector: query, k: 5 });
    times.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    if (q < RECALL_QUERIES) {
      const exact = new Set(exactTop(all, stored, query, 5));
      found += hits.filter((h) => exact.has(Number(h.metadata.n))).length;
    }
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
  const cpuPct = (p: number) => cpu[Math.min(cpu.length - 1, Math.floor(p * cpu.length))] ?? 0;
  backend.close();
  return [
    {
      name: `ingestion, split + store (${stored} chunks, ${DIMENSIONS}-dim)`,
      value: Math.round(stored / ingestSeconds),
      unit: 'chunks/s',
      target: '≥ 2,000',
    },
    { name: `similarity search over ${stored} chunks, k=5, p50`, value: round(pct(0.5)), unit: 'ms' },
    {
      name: `similarity search over ${stored} chunks, k=5, p95`,
      value: round(pct(0.95)),
      unit: 'ms',
      target: '≤ 50',
    },
    {
      name: `similarity search CPU time per query (this process; wall time above includes waiting for a core), p50 / p95`,
      value: round(cpuPct(0.5)),
      unit: `ms / ${round(cpuPct(0.95))} ms`,
    },
    {
      name: 'recall@5, bit index + exact rescoring vs a full exact scan (uniform random vectors: the worst case)',
      value: round(found / (Math.min(QUERIES, RECALL_QUERIES) * 5)),
      unit: '',
    },
  ];
}

const RECALL_QUERIES = 20;

/** Indexes of the k most cosine-similar vectors, by a full scan. */
function exactTop(all: Float32Array, count: number, query: number[], k: number): number[] {
  const scores: [number, number][] = [];
  let qn = 0;
  for (const x of query) qn += x * x;
  for (let i = 0; i < count; i++) {
    let dot = 0;
    let n = 0;
    for (let j = 0; j < DIMENSIONS; j++) {
      const v = all[i * DIMENSIONS + j] as number;
      dot += v * (query[j] as number);
      n += v * v;
    }
    scores.push([dot / Math.sqrt(n * qn), i]);
  }
  return scores
    .sort((a, b) => b[0] - a[0])
    .slice(0, k)
    .map(([, i]) => i);
}

const round = (n: number) => Math.round(n * 100) / 100;

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await bench())
    console.log(`${row.name}: ${row.value} ${row.unit}${row.target ? ` (target ${row.target})` : ''}`);
}
