import { FILTER_OPERATIONS as ENGINE_OPERATIONS } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { FILTER_OPERATIONS } from '../model/filter-operators.ts';
import { WIDGETS } from '../widgets/registry.ts';
import { field, mountForm } from './test-support.ts';

const choices = [
  { value: 'a', label: 'Alpha' },
  { value: 2, label: 'Two' },
];

/** One field per widget the node SDK defines. */
const everyWidget = [
  field('text', 'text', { placeholder: 'type here' }),
  field('string', 'string'),
  field('password', 'password'),
  field('textarea', 'textarea', { typeOptions: { rows: 3 } }),
  field('workflowPicker', 'workflowPicker'),
  field('number', 'number', { typeOptions: { min: 1, max: 10 } }),
  field('toggle', 'toggle', { default: false }),
  field('select', 'select', { options: choices, default: 'a' }),
  field('multiselect', 'multiselect', { options: choices, default: [] }),
  field('json', 'json', { default: { a: 1 } }),
  field('workflowInputs', 'workflowInputs', { default: { x: 1 } }),
  field('code', 'code', {
    typeOptions: { language: 'javascript' },
    default: 'return items;',
    noExpression: true,
  }),
  field('datetime', 'datetime'),
  field('collection', 'collection', {
    default: {},
    fields: [field('timeout', 'number', { default: 30 }), field('flag', 'toggle', { default: false })],
  }),
  field('object', 'object', { default: { inner: 'x' }, fields: [field('inner', 'text')] }),
  field('list', 'list', {
    default: [],
    fields: [field('key', 'text', { default: 'k' }), field('value', 'text')],
  }),
  field('notice', 'notice', { label: 'Read this first' }),
  field('filter', 'filter', { default: { options: {}, conditions: [], combinator: 'and' } }),
  field('assignmentCollection', 'assignmentCollection', { default: { assignments: [] } }),
  field('hidden', 'hidden', { default: 'secret' }),
  field('resource', 'resource', { default: 'gpt-4o-mini', typeOptions: { loadOptions: 'models' } }),
];

describe('the parameter form renders every widget of the node SDK', () => {
  it('covers the whole widget list', () => {
    expect(everyWidget.map((f) => f.widget).sort()).toEqual([...WIDGETS].sort());
  });

  it('renders each widget with its control', () => {
    const { wrapper } = mountForm(everyWidget);
    const at = (name: string) => wrapper.find(`[data-field="${name}"]`);
    expect(at('text').find('input[type="text"]').attributes('placeholder')).toBe('type here');
    expect(at('string').find('input[type="text"]').exists()).toBe(true);
    expect(at('password').find('input[type="password"]').exists()).toBe(true);
    expect(at('textarea').find('textarea').attributes('rows')).toBe('3');
    expect(at('workflowPicker').find('input').exists()).toBe(true);
    expect(at('number').find('input[type="number"]').attributes('min')).toBe('1');
    expect(at('toggle').find('input[role="switch"]').exists()).toBe(true);
    expect(
      at('select')
        .findAll('option')
        .map((o) => o.text()),
    ).toEqual(['Alpha', 'Two']);
    expect(at('multiselect').findAll('input[type="checkbox"]')).toHaveLength(2);
    expect(at('json').find('.cm-editor').text()).toContain('"a": 1');
    expect(at('workflowInputs').find('.cm-editor').exists()).toBe(true);
    expect(at('code').find('.cm-editor').text()).toContain('return items;');
    expect(at('datetime').find('input[type="datetime-local"]').exists()).toBe(true);
    expect(at('collection').find('[data-test="collection-add"]').exists()).toBe(true);
    expect(at('object').find('[data-field="inner"] input').element).toHaveProperty('value', 'x');
    expect(at('list').find('[data-test="list-add"]').exists()).toBe(true);
    expect(at('notice').find('[role="note"]').text()).toBe('Read this first');
    expect(at('filter').find('[data-test="condition-add"]').exists()).toBe(true);
    expect(at('assignmentCollection').find('[data-test="assignment-add"]').exists()).toBe(true);
    expect(at('hidden').exists()).toBe(false);
    // Outside a node panel there is no list to pick from: typed by id.
    expect(at('resource').find('[data-test="resource-id"]').element).toHaveProperty('value', 'gpt-4o-mini');
    // Every labelled control is reachable from its label.
    for (const label of wrapper.findAll('label[for]')) {
      const target = wrapper.find(`#${label.attributes('for')}`);
      expect(target.exists(), label.attributes('for')).toBe(true);
    }
    wrapper.unmount();
  });

  it('emits typed values from the simple widgets', async () => {
    const { wrapper, values } = mountForm(everyWidget);
    const at = (name: string) => wrapper.find(`[data-field="${name}"]`);
    await at('text').find('input').setValue('hello');
    await at('number').find('input').setValue('7');
    await at('toggle').find('input').setValue(true);
    await at('select').find('select').setValue('1');
    await at('multiselect').findAll('input[type="checkbox"]')[1]?.setValue(true);
    await at('datetime').find('input').setValue('2026-12-07T10:30');
    expect(values.value).toMatchObject({
      text: 'hello',
      number: 7,
      toggle: true,
      select: 2,
      multiselect: [2],
      datetime: '2026-12-07T10:30',
    });
    wrapper.unmount();
  });

  it('adds and removes collection options and list entries with their defaults', async () => {
    const { wrapper, values } = mountForm(everyWidget);
    const at = (name: string) => wrapper.find(`[data-field="${name}"]`);
    await at('collection').find('[data-test="collection-add"]').setValue('timeout');
    expect(values.value.collection).toEqual({ timeout: 30 });
    expect(at('collection').find('[data-field="timeout"] input').element).toHaveProperty('value', '30');
    await at('list').find('[data-test="list-add"]').trigger('click');
    await at('list').find('[data-test="list-add"]').trigger('click');
    expect(values.value.list).toEqual([{ key: 'k' }, { key: 'k' }]);
    await at('list').findAll('[data-field="value"] input')[1]?.setValue('v2');
    expect(values.value.list).toEqual([{ key: 'k' }, { key: 'k', value: 'v2' }]);
    await at('object').find('[data-field="inner"] input').setValue('y');
    expect(values.value.object).toEqual({ inner: 'y' });
    wrapper.unmount();
  });

  it('builds filter conditions and assignments in the engine’s shape', async () => {
    const { wrapper, values } = mountForm(everyWidget);
    const at = (name: string) => wrapper.find(`[data-field="${name}"]`);
    await at('filter').find('[data-test="condition-add"]').trigger('click');
    await at('filter').find('[data-test="condition-left"]').setValue('abc');
    await at('filter').find('[data-test="condition-operator"]').setValue('number:gt');
    await at('filter').find('[data-test="condition-right"]').setValue('5');
    const filter = values.value.filter as {
      conditions: { leftValue: unknown; rightValue: unknown; operator: unknown }[];
      combinator: string;
    };
    expect(filter.combinator).toBe('and');
    expect(filter.conditions[0]).toMatchObject({
      leftValue: 'abc',
      rightValue: '5',
      operator: { type: 'number', operation: 'gt' },
    });
    await at('filter').find('[data-test="condition-operator"]').setValue('string:exists');
    expect(at('filter').find('[data-test="condition-right"]').exists()).toBe(false);

    await at('assignmentCollection').find('[data-test="assignment-add"]').trigger('click');
    await at('assignmentCollection').find('[data-test="assignment-name"]').setValue('greeting');
    await at('assignmentCollection').find('[data-test="assignment-value"]').setValue('hi');
    expect(values.value.assignmentCollection).toMatchObject({
      assignments: [{ name: 'greeting', type: 'string', value: 'hi' }],
    });
    wrapper.unmount();
  });

  it('switches a field to an expression and back to its default', async () => {
    const { wrapper, values } = mountForm(everyWidget, { text: 'plain' });
    const text = wrapper.find('[data-field="text"]');
    await text.find('[data-test="expression-toggle"]').trigger('click');
    expect(values.value.text).toBe('=plain');
    await nextTick();
    expect(wrapper.find('[data-field="text"] [data-test="expression-editor"] .cm-editor').text()).toContain(
      'plain',
    );
    // Code and notices never offer expression mode.
    expect(wrapper.find('[data-field="code"] [data-test="expression-toggle"]').exists()).toBe(false);
    expect(wrapper.find('[data-field="notice"] [data-test="expression-toggle"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('shows inline validation messages', async () => {
    const { wrapper } = mountForm(
      [
        field('url', 'text', { required: true }),
        field('n', 'number', { typeOptions: { max: 3 } }),
        field('j', 'json'),
      ],
      {
        url: '',
        n: 9,
        j: '{ nope',
      },
    );
    const alerts = wrapper.findAll('[role="alert"]').map((a) => a.text());
    expect(alerts).toEqual(['Required.', 'At most 3.', 'Not valid JSON.']);
    wrapper.unmount();
  });
});

describe('show/hide rules in the rendered form', () => {
  it('shows and hides fields as the controlling value changes, nested ones included', async () => {
    const fields = [
      field('mode', 'select', {
        options: [
          { value: 'manual', label: 'Manual' },
          { value: 'raw', label: 'Raw' },
        ],
        default: 'manual',
      }),
      field('assignments', 'assignmentCollection', {
        default: { assignments: [] },
        displayOptions: { show: { mode: ['manual'] } },
      }),
      field('jsonOutput', 'json', { displayOptions: { show: { mode: ['raw'] } } }),
      field('options', 'collection', {
        default: {},
        fields: [
          field('dotNotation', 'toggle', { default: true }),
          field('onlyRaw', 'text', { displayOptions: { show: { '/mode': ['raw'] } } }),
        ],
      }),
    ];
    const { wrapper, values } = mountForm(fields, { options: { dotNotation: true, onlyRaw: 'x' } });
    const visible = () => wrapper.findAll('[data-field]').map((f) => f.attributes('data-field'));
    expect(visible()).toEqual(['mode', 'assignments', 'options', 'dotNotation']);
    await wrapper.find('[data-field="mode"] select').setValue('1');
    expect(values.value.mode).toBe('raw');
    expect(visible()).toEqual(['mode', 'jsonOutput', 'options', 'dotNotation', 'onlyRaw']);
    wrapper.unmount();
  });
});

describe('the filter operators the editor offers', () => {
  it('are the engine’s', () => {
    expect(FILTER_OPERATIONS).toEqual(ENGINE_OPERATIONS);
  });
});
