import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, type Item, MemoryBinaryStore, type RunState, systemClock } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { describe, expect, it } from 'vitest';
import { difyApp } from '../src/dify/dify-test-kit.ts';
import { importDify } from '../src/index.ts';
import { FIXTURES } from './corpus.ts';

/**
 * Dify apps that need no model or external service run in GuixuFlow with the
 * results Dify's own test suite expects for the same files (langgenius/dify:
 * the loop-with-break test expects `{ num: 5 }`; the loop-with-answer test streams
 * "1\n2\nhi + 2" for the query "hi").
 */
const registry = await builtinNodes();

async function run(file: string, trigger: Item['json'], text?: string): Promise<RunState> {
  const source = text ?? readFileSync(join(FIXTURES, 'dify', file), 'utf8');
  const { workflow, report } = importDify(source, { registry, fileName: file });
  expect(report.validation.errors).toEqual([]);
  expect(report.summary.placeholders).toBe(0);
  const engine = createEngine({
    registry,
    services: { binary: new MemoryBinaryStore(), clock: systemClock },
  });
  const state = await engine.run(
    workflow,
    engine.start(workflow, { executionId: randomUUID(), mode: 'cli', triggerItems: [{ json: trigger }] }),
  );
  expect(state.error).toBeUndefined();
  expect(state.status).toBe('success');
  return state;
}

const outputsOf = (state: RunState, node: string) =>
  (state.runData[node] ?? []).flatMap((run) => (run.data?.main[0] ?? []).map((item) => item.json));

describe('Dify apps behave as in Dify', () => {
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
    const state = await run('iteration.yml', { q: ['ann', 'bob', 'cy'] }, app);
    expect(outputsOf(state, 'End')).toEqual([{ all: ['#0 ann', '#1 bob', '#2 cy'] }]);
  });
});
