import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Item } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { describe, expect, it } from 'vitest';
import { difyApp } from '../src/dify/dify-test-kit.ts';
import { outputsOf, runDifyApp } from './dify-run.ts';

/**
 * Dify apps that need no model or external service run in GuixuFlow as they
 * run in Dify: a loop checks its break condition after each round, answers
 * inside a chatflow loop stream once per round before the answer after it.
 * The apps are small fixtures of this repository (test/fixtures/dify); Dify's
 * own test apps run in the corpus suite (dify-behaviour.corpus.test.ts).
 */
const registry = await builtinNodes();
const fixture = (file: string) => readFileSync(join(import.meta.dirname, 'fixtures', 'dify', file), 'utf8');
const run = (source: string, trigger: Item['json']) => runDifyApp(registry, source, trigger);

describe('Dify apps behave as in Dify', () => {
  it('a loop with a break condition carries its variable from round to round and stops at the break', async () => {
    const state = await run(fixture('counter-loop.yml'), {});
    // 2 → 5 → 8 → 11: the third round reaches the break condition (≥ 10).
    expect(outputsOf(state, 'End')).toEqual([{ total: 11 }]);
  });

  it('a chatflow loop with an answer inside answers each round, then the outer answer', async () => {
    const state = await run(fixture('chat-loop-answer.yml'), { chatInput: 'hi', sessionId: 's1' });
    expect(outputsOf(state, 'Say round').map((json) => json.answer)).toEqual([
      'round 1;',
      'round 2;',
      'round 3;',
    ]);
    expect(outputsOf(state, 'Done')).toEqual([{ answer: 'hi after 3' }]);
  });

  it('an iteration runs its body once per element and outputs the collected list', async () => {
    const app = difyApp(
      [
        {
          id: 'it',
          data: {
            type: 'iteration',
            title: 'Each',
            iterator_selector: ['start', 'q'],
            output_selector: ['t', 'output'],
            start_node_id: 'itstart',
          },
        },
        { id: 'itstart', parentId: 'it', data: { type: 'iteration-start', title: '' } },
        {
          id: 't',
          parentId: 'it',
          data: {
            type: 'template-transform',
            title: 'Greet',
            template: '#{{ i }} {{ name }}',
            variables: [
              { variable: 'i', value_selector: ['it', 'index'] },
              { variable: 'name', value_selector: ['it', 'item'] },
            ],
          },
        },
        {
          id: 'e',
          data: {
            type: 'end',
            title: 'End',
            outputs: [{ variable: 'all', value_selector: ['it', 'output'], value_type: 'array[string]' }],
          },
        },
      ],
      [
        { source: 'start', target: 'it' },
        { source: 'itstart', target: 't' },
        { source: 'it', target: 'e' },
      ],
    );
    const state = await run(app, { q: ['ann', 'bob', 'cy'] });
    expect(outputsOf(state, 'End')).toEqual([{ all: ['#0 ann', '#1 bob', '#2 cy'] }]);
  });
});
