import { describe, expect, it } from 'vitest';
import { defineNode } from './define-node.ts';
import { p, toFormFields } from './params.ts';
import { testNode, testNodeError } from './testing.ts';

const echo = defineNode({
  type: 'test.echo',
  version: 1,
  displayName: 'Echo',
  description: 'Echoes its parameters',
  group: 'data',
  inputs: ['main'],
  outputs: ['main'],
  params: {
    mode: p.options({
      label: 'Mode',
      default: 'a',
      options: [
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B' },
      ],
    }),
    count: p.number({
      label: 'Count',
      default: 1,
      min: 0,
      integer: true,
      displayOptions: { show: { mode: ['b'] } },
    }),
    flag: p.boolean({ label: 'Flag' }),
    fields: p.list({
      label: 'Fields',
      fields: { name: p.string({ label: 'Name' }), value: p.string({ label: 'Value' }) },
    }),
    options: p.collection({
      label: 'Options',
      fields: { dotNotation: p.boolean({ label: 'Dot notation', default: true }) },
    }),
  },
  run(ctx) {
    const params = ctx.params(0);
    const mode: 'a' | 'b' = params.mode;
    const n: number = params.count;
    return [
      [
        {
          json: {
            mode,
            n,
            flag: params.flag,
            fields: params.fields,
            dot: params.options.dotNotation ?? null,
          },
        },
      ],
    ];
  },
});

describe('parameter builders', () => {
  it('fills defaults, coerces, and hides fields by display rules', async () => {
    const r = await testNode(echo, {
      parameters: { mode: 'b', count: '3', flag: 'true', fields: [{ name: 'x' }] },
    });
    expect(r.json[0][0]).toEqual({
      mode: 'b',
      n: 3,
      flag: true,
      fields: [{ name: 'x', value: '' }],
      dot: null,
    });
    const hidden = await testNode(echo, { parameters: { mode: 'a', count: 'not a number' } });
    expect(hidden.json[0][0].n).toBe(1);
  });

  it('names the parameter in validation errors', async () => {
    const error = await testNodeError(echo, { parameters: { mode: 'b', count: -2 } });
    expect(error.code).toBe('PARAMETER_INVALID');
    expect(error.parameter).toBe('count');
    expect(error.message).toContain('Count');
    const bad = await testNodeError(echo, { parameters: { mode: 'c' } });
    expect(bad.message).toContain('must be one of');
  });

  it('describes a form for the editor', () => {
    const form = toFormFields(echo.params);
    expect(form.map((f) => f.name)).toEqual(['mode', 'count', 'flag', 'fields', 'options']);
    expect(form[0].options).toHaveLength(2);
    expect(form[1].displayOptions).toEqual({ show: { mode: ['b'] } });
    expect(form[3].fields?.map((f) => f.name)).toEqual(['name', 'value']);
  });
});

describe('date values from expressions', () => {
  const dates = defineNode({
    type: 'test.dates',
    version: 1,
    displayName: 'Dates',
    description: 'Echoes date parameters',
    group: 'data',
    inputs: ['main'],
    outputs: ['main'],
    params: { text: p.string({ label: 'Text' }), when: p.dateTime({ label: 'When' }) },
    run: (ctx) => [[{ json: { ...ctx.params(0) } }]],
  });

  it('turns Luxon DateTimes and JS Dates into ISO text', async () => {
    const r = await testNode(dates, {
      parameters: {
        text: "={{ DateTime.fromISO('2026-01-02T03:04:05.000Z', { zone: 'utc' }) }}",
        when: '={{ new Date(0) }}',
      },
    });
    expect(r.json[0][0]).toEqual({ text: '2026-01-02T03:04:05.000Z', when: '1970-01-01T00:00:00.000Z' });
  });
});

describe('resource parameters (pick from a list or type an id)', () => {
  const picker = defineNode({
    type: 'test.picker',
    version: 1,
    displayName: 'Picker',
    description: 'Echoes a resource parameter',
    group: 'data',
    inputs: ['main'],
    outputs: ['main'],
    params: {
      model: p.resource({ label: 'Model', default: 'small', loadOptions: 'models', required: true }),
    },
    run: (ctx) => [[{ json: { model: ctx.params(0).model } }]],
  });
  const modelOf = async (model: unknown) =>
    (await testNode(picker, { parameters: { model }, items: [{ name: 'large' }] })).json[0][0].model;

  it('reads plain text, the {mode, value} shape and n8n resource locators as the text', async () => {
    expect(await modelOf('gpt-4o')).toBe('gpt-4o');
    expect(await modelOf({ mode: 'list', value: 'qwen2.5' })).toBe('qwen2.5');
    expect(await modelOf({ __rl: true, mode: 'id', value: 'deepseek-chat' })).toBe('deepseek-chat');
    expect(await modelOf(undefined)).toBe('small');
  });

  it('resolves expressions, plain or inside the resource-locator shape', async () => {
    expect(await modelOf('={{ $json.name }}-1')).toBe('large-1');
    expect(await modelOf({ __rl: true, mode: 'id', value: '={{ $json.name }}' })).toBe('large');
  });

  it('refuses other shapes with the parameter named', async () => {
    const error = await testNodeError(picker, { parameters: { model: { mode: 'url', value: 'x' } } });
    expect(error.code).toBe('PARAMETER_INVALID');
    expect(error.parameter).toBe('model');
  });

  it('describes the list to load in the form', () => {
    const [field] = toFormFields(picker.params);
    expect(field).toMatchObject({
      kind: 'resource',
      widget: 'resource',
      typeOptions: { loadOptions: 'models' },
    });
  });
});
