// @vitest-environment node
import type { FormFieldContract, NodeTypeDescription } from '@guixu/api';
import { type AnyNodeDefinition, type FormField, portsOf, toFormFields } from '@guixu/core';
import { builtinNodes } from '@guixu/nodes';
import { beforeAll, describe, expect, it } from 'vitest';
import { toCanvasNodes } from '../features/editor/canvas/canvas-model.ts';
import { localizeFields, localizeNodeType, nodeDisplayName, nodePortLabel } from './node-text.ts';
import { nodesZhCN } from './nodes-zh-cn.ts';

let definitions: AnyNodeDefinition[] = [];
beforeAll(async () => {
  definitions = (await builtinNodes()).list();
});

/** Every field a form shows, with its path (`options.timeout`); hidden fields are never shown. */
function shownFields(fields: readonly FormField[], prefix = ''): { path: string; field: FormField }[] {
  return fields.flatMap((field) => {
    const path = prefix + field.name;
    const own = field.widget === 'hidden' ? [] : [{ path, field }];
    return [...own, ...shownFields(field.fields ?? [], `${path}.`)];
  });
}

/** Port labels the canvas shows: named inputs and outputs, and the names of the main outputs (not numbers). */
function portLabels(definition: AnyNodeDefinition): string[] {
  const named = [...portsOf(definition, 'inputs', {}), ...portsOf(definition, 'outputs', {})].flatMap((p) =>
    p.displayName ? [p.displayName] : [],
  );
  const outputNames =
    typeof definition.outputNames === 'function'
      ? definition.outputNames({})
      : (definition.outputNames ?? []);
  return [...new Set([...named, ...outputNames])].filter((label) => /\p{L}/u.test(label));
}

describe('简体中文 of the built-in node types', () => {
  it('names and describes every node type and labels every parameter and port', () => {
    expect(definitions.length).toBeGreaterThan(60);
    const missing: string[] = [];
    for (const definition of definitions) {
      const text = nodesZhCN[definition.type];
      if (!text?.displayName) missing.push(`${definition.type}: displayName ("${definition.displayName}")`);
      if (!text?.description) missing.push(`${definition.type}: description`);
      for (const { path, field } of shownFields(toFormFields(definition.params))) {
        if (!text?.params?.[path]?.label)
          missing.push(`${definition.type}: parameter ${path} ("${field.label}")`);
      }
      for (const label of portLabels(definition)) {
        if (!text?.ports?.[label]) missing.push(`${definition.type}: port "${label}"`);
      }
    }
    // A new node type or parameter needs its entry in nodes-zh-cn/ (the file of its group).
    expect(missing).toEqual([]);
  });

  it('holds no text for node types, parameters or options that do not exist', () => {
    const byType = new Map(definitions.map((d) => [d.type, d]));
    const stale: string[] = [];
    for (const [type, text] of Object.entries(nodesZhCN)) {
      const definition = byType.get(type);
      if (!definition) {
        stale.push(type);
        continue;
      }
      const fields = new Map(shownFields(toFormFields(definition.params)).map((f) => [f.path, f.field]));
      for (const [path, param] of Object.entries(text.params ?? {})) {
        const field = fields.get(path);
        if (!field) {
          stale.push(`${type}: parameter ${path}`);
          continue;
        }
        const values = new Set((field.options ?? []).map((o) => String(o.value)));
        for (const value of Object.keys(param.options ?? {})) {
          if (!values.has(value)) stale.push(`${type}: option ${path} = ${value}`);
        }
      }
      const ports = new Set(portLabels(definition));
      for (const label of Object.keys(text.ports ?? {})) {
        if (!ports.has(label)) stale.push(`${type}: port "${label}"`);
      }
    }
    expect(stale).toEqual([]);
  });
});

const select: FormFieldContract = {
  name: 'method',
  kind: 'options',
  label: 'Method',
  widget: 'select',
  default: 'GET',
  options: [
    { value: 'GET', label: 'GET' },
    { value: 'POST', label: 'POST' },
  ],
};
const fields: FormFieldContract[] = [
  select,
  {
    name: 'options',
    kind: 'collection',
    label: 'Options',
    widget: 'collection',
    default: {},
    fields: [
      {
        name: 'timeout',
        kind: 'number',
        label: 'Timeout',
        widget: 'number',
        default: 10000,
        description: 'Milliseconds to wait.',
      },
      { name: 'brandNew', kind: 'string', label: 'Brand New', widget: 'text', placeholder: 'e.g. x' },
    ],
  },
];
const httpRequest = {
  type: 'guixu.httpRequest',
  versions: [1],
  defaultVersion: 1,
  displayName: 'HTTP Request',
  description: 'Makes an HTTP request.',
  group: 'action',
  defaultName: 'HTTP Request',
  inputs: [{ type: 'main' }],
  outputs: [{ type: 'main' }],
  dynamicInputs: false,
  dynamicOutputs: false,
  credentials: [],
  alwaysRun: false,
  properties: fields,
} satisfies NodeTypeDescription;

describe('node text lookup', () => {
  it('translates labels, descriptions and nested fields, keeping names, values and defaults', () => {
    const shown = localizeFields('guixu.httpRequest', fields, 'zh-CN');
    expect(shown[0]).toMatchObject({ name: 'method', label: '请求方法', default: 'GET' });
    expect(shown[0]?.options?.map((o) => o.value)).toEqual(['GET', 'POST']);
    const timeout = shown[1]?.fields?.[0];
    expect(timeout).toMatchObject({ name: 'timeout', label: '超时', default: 10000 });
    expect(timeout?.description).not.toBe('Milliseconds to wait.');
    // A parameter the table does not know keeps its English text.
    expect(shown[1]?.fields?.[1]).toMatchObject({ label: 'Brand New', placeholder: 'e.g. x' });
    // The description itself is never changed.
    expect(fields[1]?.fields?.[0]?.label).toBe('Timeout');
  });

  it('falls back to English for English, unknown locales and unknown node types', () => {
    expect(nodeDisplayName(httpRequest, 'zh-CN')).toBe('HTTP 请求');
    expect(nodeDisplayName(httpRequest, 'en')).toBe('HTTP Request');
    expect(nodeDisplayName(httpRequest, 'fr')).toBe('HTTP Request');
    expect(nodeDisplayName({ ...httpRequest, type: 'community.thing', displayName: 'Thing' }, 'zh-CN')).toBe(
      'Thing',
    );
    expect(localizeNodeType(httpRequest, 'en')).toBe(httpRequest);
    expect(localizeFields('community.thing', fields, 'zh-CN')).toEqual(fields);
    expect(nodePortLabel('guixu.if', 'true', 'zh-CN')).toBe('true');
    expect(nodePortLabel('guixu.loopOverItems', 'done', 'zh-CN')).toBe('完成');
    expect(nodePortLabel('guixu.loopOverItems', 'done', 'en')).toBe('done');
  });

  it('gives the same translated type for the same type and locale (forms keep their fields)', () => {
    const once = localizeNodeType(httpRequest, 'zh-CN');
    expect(once).not.toBe(httpRequest);
    expect(localizeNodeType(httpRequest, 'zh-CN')).toBe(once);
    expect(once).toMatchObject({
      type: 'guixu.httpRequest',
      displayName: 'HTTP 请求',
      defaultName: 'HTTP Request',
    });
  });

  it('shows type names and port labels on the canvas in the UI language', () => {
    const loop = {
      ...httpRequest,
      type: 'guixu.loopOverItems',
      displayName: 'Loop Over Items',
      outputs: [
        { type: 'main', displayName: 'done' },
        { type: 'main', displayName: 'loop' },
      ],
    };
    const doc = {
      nodes: [
        {
          id: '1',
          name: 'Loop',
          type: 'guixu.loopOverItems',
          typeVersion: 1,
          position: [0, 0],
          parameters: {},
        },
      ],
      connections: {},
      pinData: {},
    } as unknown as Parameters<typeof toCanvasNodes>[0];
    const types = new Map([[loop.type, loop]]);
    const [zh] = toCanvasNodes(doc, types, { locale: 'zh-CN' });
    expect(zh?.data.typeLabel).toBe('循环处理数据项');
    expect(zh?.data.outputs.map((p) => p.label)).toEqual(['完成', '循环']);
    const [en] = toCanvasNodes(doc, types);
    expect(en?.data.typeLabel).toBe('Loop Over Items');
    expect(en?.data.outputs.map((p) => p.label)).toEqual(['done', 'loop']);
  });
});
