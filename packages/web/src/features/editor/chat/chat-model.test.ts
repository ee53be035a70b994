import { describe, expect, it } from 'vitest';
import type { ExecutionDetail } from '../run/run-data.ts';
import { answerOf, parseSse, timelineOf } from './chat-model.ts';

describe('the editor chat model', () => {
  it('splits server-sent events across chunks', () => {
    const first = parseSse('event: start\ndata: {"executionId":"e1"}\n\nevent: delta\ndata: {"te');
    expect(first.events).toEqual([{ event: 'start', data: { executionId: 'e1' } }]);
    const second = parseSse(`${first.rest}xt":"Hi"}\n\nevent: done\r\ndata: {"answer":"Hi"}\r\n\r\n`);
    expect(second.events).toEqual([
      { event: 'delta', data: { text: 'Hi' } },
      { event: 'done', data: { answer: 'Hi' } },
    ]);
    expect(second.rest).toBe('');
  });

  it('lays out nodes by start time and an agent’s steps with their tool calls', () => {
    const run = (
      startTime: number,
      json: Record<string, unknown>,
      error?: { code: string; message: string },
    ) => ({
      startTime,
      executionTime: 5,
      executionStatus: error ? 'error' : 'success',
      source: [],
      output: [[{ json }]],
      ...(error ? { error } : {}),
    });
    const runData = {
      Agent: [
        run(2, {
          output: '391',
          steps: [
            {
              iteration: 1,
              text: '',
              toolCalls: [{ tool: 'calculator', input: { expression: '17*23' }, output: 391 }],
            },
            { iteration: 2, text: '391' },
          ],
        }),
      ],
      Chat: [run(1, { chatInput: 'hi' })],
    } as unknown as ExecutionDetail['runData'];
    const timeline = timelineOf(runData);
    expect(timeline.map((e) => [e.node, e.kind, e.iteration])).toEqual([
      ['Chat', 'node', undefined],
      ['Agent', 'node', undefined],
      ['Agent', 'step', 1],
      ['Agent', 'step', 2],
    ]);
    expect(timeline[2]?.toolCalls).toEqual([
      { tool: 'calculator', input: '{"expression":"17*23"}', output: '391', failed: false },
    ]);
  });

  it('answers with the output, the text, or the JSON', () => {
    expect(answerOf([{ json: { output: 'a', text: 'b' } }])).toBe('a');
    expect(answerOf([{ json: { text: 'b' } }])).toBe('b');
    expect(answerOf([{ json: { n: 1 } }])).toBe('{"n":1}');
    expect(answerOf(undefined)).toBe('');
  });
});
