import { describe, expect, it } from 'vitest';
import { applyProgress, percentOf } from './knowledge-model.ts';

describe('upload progress', () => {
  it('follows each document through its stages to ready', () => {
    let state = applyProgress({}, { type: 'document', name: 'a.md', status: 'indexing', stage: 'split' });
    expect(percentOf(state['a.md']!)).toBe(0);
    state = applyProgress(state, {
      type: 'document',
      name: 'a.md',
      stage: 'embed',
      chunksDone: 2,
      chunksTotal: 8,
    });
    expect(state['a.md']).toMatchObject({ stage: 'embed', status: 'indexing', done: 2, total: 8 });
    expect(percentOf(state['a.md']!)).toBe(25);
    state = applyProgress(state, { type: 'document', name: 'a.md', status: 'ready' });
    expect(percentOf(state['a.md']!)).toBe(100);
    expect(applyProgress(state, { type: 'done' })).toBe(state);
  });

  it('keeps a failed document’s error', () => {
    const state = applyProgress(
      {},
      {
        type: 'document',
        name: 'b.pdf',
        status: 'failed',
        error: { code: 'X', message: 'no text layer' },
      },
    );
    expect(state['b.pdf']?.error).toBe('no text layer');
  });
});
