import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Item } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './corpus.ts';
import { outputsOf, runDifyApp } from './dify-run.ts';

/**
 * Dify's own test apps from the corpus run in GuixuFlow with the results
 * Dify's test suite expects for the same files (langgenius/dify: the
 * loop-with-break test expects `{ num: 5 }`; the loop-with-answer test streams
 * "1\n2\nhi + 2" for the query "hi").
 */
const registry = await builtinNodes();
const run = (file: string, trigger: Item['json']) =>
  runDifyApp(registry, readFileSync(join(FIXTURES, 'dify', file), 'utf8'), trigger, file);

describe('Dify apps from the corpus behave as in Dify', () => {
  it('a loop with a break condition carries its variable from round to round and stops at the break', async () => {
    const state = await run('langgenius-dify__increment_loop_with_break_condition_workflow.yml', {});
    expect(outputsOf(state, 'End')).toEqual([{ num: 5 }]);
  });

  // Text around an expression, even a newline, is kept like n8n and Dify do ("1\n").
  it('a chatflow loop with an answer inside answers each round, then the outer answer', async () => {
    const state = await run('langgenius-dify__loop_contains_answer.yml', {
      chatInput: 'hi',
      sessionId: 's1',
    });
    const answers = [...outputsOf(state, 'Answer 2 1'), ...outputsOf(state, 'Answer 2')].map(
      (json) => json.answer,
    );
    expect(answers.join('')).toBe('1\n2\nhi + 2');
  });

  it('a chatflow loop with an answer inside stops at its break condition (answers without line breaks)', async () => {
    const state = await run('langgenius-dify__loop_contains_answer.yml', {
      chatInput: 'hi',
      sessionId: 's1',
    });
    const inner = outputsOf(state, 'Answer 2 1').map((json) => String(json.answer).trim());
    expect(inner).toEqual(['1', '2']);
    expect(outputsOf(state, 'Answer 2')).toEqual([{ answer: 'hi + 2' }]);
  });
});
