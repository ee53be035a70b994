import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../../app/i18n.ts';
import { localizeFields } from '../../../locales/node-text.ts';
import { mountForm } from '../../forms/components/test-support.ts';
import type { NodeType } from '../model/node-types.ts';
import NodePalette from './NodePalette.vue';

function nodeType(
  type: string,
  displayName: string,
  description: string,
  group: NodeType['group'],
): NodeType {
  return {
    type,
    versions: [1],
    defaultVersion: 1,
    displayName,
    description,
    group,
    defaultName: displayName,
    inputs: [{ type: 'main' }],
    outputs: [{ type: 'main' }],
    dynamicInputs: false,
    dynamicOutputs: false,
    credentials: [],
    alwaysRun: false,
    properties: [],
  };
}

const types = [
  nodeType('guixu.httpRequest', 'HTTP Request', 'Makes an HTTP request to any URL.', 'action'),
  nodeType('guixu.if', 'If', 'Routes each item to the true or false output.', 'flow'),
  nodeType('guixu.scheduleTrigger', 'Schedule Trigger', 'Starts the workflow on a schedule.', 'trigger'),
  nodeType('community.thing', 'Community Thing', 'A node no table knows.', 'action'),
];

function mountPalette() {
  return mount(NodePalette, { props: { types }, global: { plugins: [i18n] }, attachTo: document.body });
}
const names = (wrapper: ReturnType<typeof mountPalette>) =>
  wrapper.findAll('[data-node-type] .entry-name').map((e) => e.text());

afterEach(() => {
  i18n.global.locale.value = 'en';
});

describe('the node palette in 简体中文', () => {
  it('shows translated names and descriptions, English for a type without a translation', async () => {
    i18n.global.locale.value = 'zh-CN';
    const wrapper = mountPalette();
    const http = wrapper.get('[data-node-type="guixu.httpRequest"]');
    expect(http.get('.entry-name').text()).toBe('HTTP 请求');
    expect(http.get('.entry-desc').text()).not.toContain('Makes an HTTP request');
    expect(http.attributes('title')).toBe(http.get('.entry-desc').text());
    expect(wrapper.get('[data-node-type="guixu.if"] .entry-name').text()).toBe('条件判断');
    expect(wrapper.get('[data-node-type="guixu.scheduleTrigger"] .entry-name').text()).toBe('定时触发');
    expect(wrapper.get('[data-node-type="community.thing"] .entry-name').text()).toBe('Community Thing');
    // Switching back to English shows the catalog's text again.
    i18n.global.locale.value = 'en';
    await wrapper.vm.$nextTick();
    expect(wrapper.get('[data-node-type="guixu.httpRequest"] .entry-name').text()).toBe('HTTP Request');
    wrapper.unmount();
  });

  it('finds a node by its Chinese name and by its English name', async () => {
    i18n.global.locale.value = 'zh-CN';
    const wrapper = mountPalette();
    const search = wrapper.get('[data-test="palette-search"]');
    await search.setValue('条件');
    expect(names(wrapper)).toEqual(['条件判断']);
    await search.setValue('http request');
    expect(names(wrapper)).toEqual(['HTTP 请求']);
    await search.setValue('schedule');
    expect(names(wrapper)).toEqual(['定时触发']);
    await search.setValue('community');
    expect(names(wrapper)).toEqual(['Community Thing']);
    wrapper.unmount();
  });

  it('adds the node type by its type name', async () => {
    i18n.global.locale.value = 'zh-CN';
    const wrapper = mountPalette();
    await wrapper.get('[data-node-type="guixu.if"]').trigger('click');
    expect(wrapper.emitted('add')).toEqual([['guixu.if']]);
    wrapper.unmount();
  });
});

describe('a node’s parameters in 简体中文', () => {
  it('shows translated labels and option labels, and keeps the option values', async () => {
    const fields = localizeFields(
      'guixu.httpRequest',
      [
        {
          name: 'authentication',
          kind: 'options',
          label: 'Authentication',
          widget: 'select',
          default: 'none',
          options: [
            { value: 'none', label: 'None' },
            { value: 'genericCredentialType', label: 'Generic Credential Type' },
          ],
        },
        { name: 'url', kind: 'string', label: 'URL', widget: 'text', required: true },
      ],
      'zh-CN',
    );
    i18n.global.locale.value = 'zh-CN';
    const { wrapper, values } = mountForm(fields, { authentication: 'none', url: 'https://example.com' });
    const auth = wrapper.get('[data-field="authentication"]');
    expect(auth.get('label').text()).toBe('认证方式');
    expect(auth.findAll('option').map((o) => o.text())).toEqual(['无', '通用凭证类型']);
    await auth.get('select').setValue('1');
    expect(values.value.authentication).toBe('genericCredentialType');
    wrapper.unmount();
  });
});
