import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';
import { i18n } from '../../../app/i18n.ts';
import ParameterForm from '../components/ParameterForm.vue';
import { field } from '../components/test-support.ts';
import type { Values } from '../model/form-field.ts';
import {
  filterOptions,
  RESOURCE_OPTIONS,
  type ResourceOptionsSource,
  resourceText,
} from '../model/resource-options.ts';

const MODELS = [
  { value: 'bge-m3', label: 'bge-m3' },
  { value: 'gpt-test', label: 'gpt-test' },
  { value: 'qwen2.5:7b', label: 'Qwen 2.5 7B' },
];

/** A node panel's source: a credential that may be missing, a list that may fail; every call recorded. */
function fakeSource(options: { credential?: boolean; fail?: string } = {}) {
  const credential = ref(options.credential ?? true);
  const credentialId = ref('c1');
  const calls: { list: string; refresh: boolean }[] = [];
  const source: ResourceOptionsSource = {
    unavailable: () => (credential.value ? null : 'resource.noCredential'),
    scope: () => credentialId.value,
    load: async (list, refresh) => {
      calls.push({ list, refresh });
      if (options.fail) throw new Error(options.fail);
      return MODELS;
    },
  };
  return { source, calls, credential, credentialId };
}

function mountPicker(source: ResourceOptionsSource, initial: Values = { model: 'gpt-test' }) {
  const values = ref<Values>(initial);
  const fields = [
    field('model', 'resource', {
      label: 'Model',
      default: 'gpt-4o-mini',
      typeOptions: { loadOptions: 'models' },
    }),
  ];
  const Host = defineComponent({
    setup: () => () =>
      h(ParameterForm, {
        fields,
        modelValue: values.value,
        'onUpdate:modelValue': (v: Values) => {
          values.value = v;
        },
      }),
  });
  const wrapper = mount(Host, {
    global: { plugins: [i18n], provide: { [RESOURCE_OPTIONS as symbol]: source } },
    attachTo: document.body,
  });
  return { wrapper, values };
}

describe('the resource picker', () => {
  it('lists what the source serves, searches it, and stores the picked value as text', async () => {
    const { source, calls } = fakeSource();
    const { wrapper, values } = mountPicker(source);
    await flushPromises();
    expect(calls).toEqual([{ list: 'models', refresh: false }]);
    const list = wrapper.find('[data-test="resource-list"]');
    expect(list.findAll('option').map((o) => o.text())).toEqual([
      'bge-m3',
      'gpt-test',
      'Qwen 2.5 7B (qwen2.5:7b)',
    ]);
    expect((list.element as HTMLSelectElement).value).toBe('gpt-test');

    await wrapper.find('[data-test="resource-search"]').setValue('qwen');
    expect(list.findAll('option').map((o) => o.attributes('value'))).toEqual(['qwen2.5:7b']);
    await list.setValue('qwen2.5:7b');
    expect(values.value.model).toBe('qwen2.5:7b');

    await wrapper.find('[data-test="resource-reload"]').trigger('click');
    await flushPromises();
    expect(calls.at(-1)).toEqual({ list: 'models', refresh: true });
    wrapper.unmount();
  });

  it('keeps a value the provider does not list, and types one by id', async () => {
    const { source } = fakeSource();
    const { wrapper, values } = mountPicker(source, {
      model: { __rl: true, mode: 'id', value: 'my-finetune' },
    });
    await flushPromises();
    const first = wrapper.find('[data-test="resource-list"] option');
    expect(first.attributes('value')).toBe('my-finetune');
    await wrapper.find('[data-test="resource-mode-id"]').trigger('click');
    const input = wrapper.find('[data-test="resource-id"]');
    expect(input.element).toHaveProperty('value', 'my-finetune');
    await input.setValue('deepseek-chat');
    expect(values.value.model).toBe('deepseek-chat');
    wrapper.unmount();
  });

  it('says why there is no list yet, and loads once a credential is chosen', async () => {
    const { source, calls, credential, credentialId } = fakeSource({ credential: false });
    const { wrapper } = mountPicker(source);
    await flushPromises();
    expect(calls).toEqual([]);
    expect(wrapper.find('[data-test="resource-blocked"]').text()).toBe(
      i18n.global.t('resource.noCredential'),
    );
    credential.value = true;
    await nextTick();
    await flushPromises();
    expect(calls).toHaveLength(1);
    expect(wrapper.find('[data-test="resource-blocked"]').exists()).toBe(false);
    // Another credential: its provider's list.
    credentialId.value = 'c2';
    await nextTick();
    await flushPromises();
    expect(calls).toHaveLength(2);
    wrapper.unmount();
  });

  it('shows the provider’s error and still allows an expression', async () => {
    const { source } = fakeSource({
      fail: 'Could not list models: Could not reach http://127.0.0.1:9/v1/models',
    });
    const { wrapper, values } = mountPicker(source);
    await flushPromises();
    expect(wrapper.find('[data-test="resource-error"]').text()).toContain('Could not reach');
    await wrapper.find('[data-test="expression-toggle"]').trigger('click');
    expect(values.value.model).toBe('=gpt-test');
    wrapper.unmount();
  });

  it('matches every word of the search and reads stored shapes as text', () => {
    expect(filterOptions(MODELS, 'qwen 7b').map((o) => o.value)).toEqual(['qwen2.5:7b']);
    expect(filterOptions(MODELS, '  ')).toHaveLength(3);
    expect(resourceText('a')).toBe('a');
    expect(resourceText({ mode: 'list', value: 'b' })).toBe('b');
    expect(resourceText(undefined)).toBe('');
  });
});
