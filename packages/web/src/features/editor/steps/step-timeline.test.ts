import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { i18n } from '../../../app/i18n.ts';
import type { TimelineEntry } from './agent-steps.ts';
import StepTimeline from './StepTimeline.vue';

const entries: TimelineEntry[] = [
  { node: 'Agent', kind: 'node', durationMs: 40, failed: false, toolCalls: [] },
  {
    node: 'Agent',
    kind: 'step',
    iteration: 1,
    durationMs: 12,
    failed: false,
    usage: {
      provider: 'openai',
      model: 'qwen2.5:7b',
      inputTokens: 30,
      outputTokens: 9,
      latencyMs: 12,
      cost: 0.00042,
      currency: 'USD',
    },
    toolCalls: [
      { tool: 'calculator', input: '{"expression":"17*23"}', output: '391', failed: false, node: 'Calc' },
      { tool: 'lookup', input: '{}', output: 'HTTP 500', failed: true },
    ],
  },
  { node: 'Agent', kind: 'step', iteration: 2, text: '391', durationMs: 0, failed: false, toolCalls: [] },
];

describe('the steps timeline', () => {
  it('shows model, tokens and cost per model call, and each tool call with its input and output or error', () => {
    const wrapper = mount(StepTimeline, { props: { entries }, global: { plugins: [i18n] } });
    const steps = wrapper.findAll('[data-test="step"]');
    expect(steps).toHaveLength(3);
    expect(steps[1]?.find('[data-test="step-model"]').text()).toBe('qwen2.5:7b');
    expect(steps[1]?.find('[data-test="step-tokens"]').text()).toBe('30 in · 9 out tokens');
    expect(steps[1]?.find('[data-test="step-cost"]').text()).toBe('cost 0.00042 USD');
    const calls = steps[1]?.findAll('[data-test="step-tool-call"]') ?? [];
    expect(calls.map((c) => c.classes('failed'))).toEqual([false, true]);
    expect(calls[0]?.text()).toContain('{"expression":"17*23"}');
    expect(calls[1]?.text()).toContain('Error');
    expect(steps[2]?.text()).toContain('391');
  });

  it('asks to open the tool sub-node of a linked tool call (an unlinked one is plain text)', async () => {
    const wrapper = mount(StepTimeline, { props: { entries }, global: { plugins: [i18n] } });
    const links = wrapper.findAll('[data-test="step-tool-node"]');
    expect(links).toHaveLength(1);
    await links[0]?.trigger('click');
    expect(wrapper.emitted('select-node')).toEqual([['Calc']]);
  });
});
