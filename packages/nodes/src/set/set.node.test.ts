import { testNode, testNodeError } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import set from './set.node.ts';

const assign = (...list: [string, string, unknown][]) => ({
  assignments: list.map(([name, type, value], k) => ({ id: String(k), name, type, value })),
});

describe('Edit Fields (Set): manual mapping', () => {
  it('outputs only the set fields by default, paired to their input items', async () => {
    const result = await testNode(set, {
      parameters: { assignments: assign(['greeting', 'string', 'hi'], ['count', 'number', '42']) },
      items: [{ a: 1 }, { a: 2 }],
    });
    expect(result.json[0]).toEqual([
      { greeting: 'hi', count: 42 },
      { greeting: 'hi', count: 42 },
    ]);
    expect(result.outputs[0].map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
  });

  it('converts values to each declared type like n8n', async () => {
    const result = await testNode(set, {
      parameters: {
        assignments: assign(
          ['emptyNumber', 'number', ''],
          ['hex', 'number', '0x10'],
          ['yes', 'boolean', 'TRUE'],
          ['one', 'boolean', '1'],
          ['list', 'array', "['a', 'b']"],
          ['obj', 'object', "{name: 'x', n: 1,}"],
          ['text', 'string', 12],
          ['json', 'string', { a: 1 }],
          ['nothing', 'number', null],
        ),
      },
    });
    expect(result.json[0][0]).toEqual({
      emptyNumber: 0,
      hex: 16,
      yes: true,
      one: true,
      list: ['a', 'b'],
      obj: { name: 'x', n: 1 },
      text: '12',
      json: '{"a":1}',
      nothing: null,
    });
  });

  it('writes a DateTime set as a string as its ISO text, not JSON-quoted (n8n)', async () => {
    const result = await testNode(set, {
      parameters: {
        assignments: assign(['when', 'string', '={{ DateTime.fromMillis(0, { zone: "UTC" }) }}']),
      },
      items: [{}],
    });
    expect(result.json[0]).toEqual([{ when: '1970-01-01T00:00:00.000Z' }]);
  });

  it('writes nested fields with dot notation, literal keys without it', async () => {
    const dotted = await testNode(set, {
      parameters: {
        assignments: assign(['user.address.city', 'string', 'Oslo'], ['tags[1]', 'string', 'b']),
      },
    });
    expect(dotted.json[0][0]).toEqual({ user: { address: { city: 'Oslo' } }, tags: [undefined, 'b'] });
    const literal = await testNode(set, {
      parameters: { assignments: assign(['user.city', 'string', 'Oslo']), options: { dotNotation: false } },
    });
    expect(literal.json[0][0]).toEqual({ 'user.city': 'Oslo' });
  });

  it('keeps all input fields without changing the input item', async () => {
    const input = { name: 'Ann', address: { city: 'Rome', zip: '001' } };
    const result = await testNode(set, {
      parameters: { includeOtherFields: true, assignments: assign(['address.city', 'string', 'Oslo']) },
      items: [input],
    });
    expect(result.json[0][0]).toEqual({ name: 'Ann', address: { city: 'Oslo', zip: '001' } });
    expect(input).toEqual({ name: 'Ann', address: { city: 'Rome', zip: '001' } });
  });

  it('keeps selected input fields under their last key', async () => {
    const result = await testNode(set, {
      parameters: {
        includeOtherFields: true,
        include: 'selected',
        includeFields: 'name, address.city',
        assignments: assign(['added', 'boolean', true]),
      },
      items: [{ name: 'Ann', age: 30, address: { city: 'Rome', zip: '001' } }],
    });
    expect(result.json[0][0]).toEqual({ name: 'Ann', city: 'Rome', added: true });
  });

  it('keeps all input fields except the excluded ones', async () => {
    const input = { name: 'Ann', age: 30, address: { city: 'Rome', zip: '001' } };
    const result = await testNode(set, {
      parameters: {
        includeOtherFields: true,
        include: 'except',
        excludeFields: 'age,address.zip',
        assignments: assign(),
      },
      items: [input],
    });
    expect(result.json[0][0]).toEqual({ name: 'Ann', address: { city: 'Rome' } });
    expect(input.address.zip).toBe('001');
  });

  it('fails with a precise error when a value does not fit its type', async () => {
    const error = await testNodeError(set, {
      parameters: { assignments: assign(['age', 'number', 'abc']) },
      items: [{}, {}],
    });
    expect(error.code).toBe('FIELD_TYPE_MISMATCH');
    expect(error.message).toBe("'age' expects a number but we got 'abc' [item 0]");
    expect(error.node).toBe('Edit Fields');
    expect(error.parameter).toBe('assignments.assignments[0].value');
    expect(error.details).toMatchObject({ itemIndex: 0 });
  });

  it('keeps unconvertible values with ignoreConversionErrors', async () => {
    const result = await testNode(set, {
      parameters: {
        assignments: assign(['age', 'number', 'abc'], ['flag', 'boolean', 'maybe']),
        options: { ignoreConversionErrors: true },
      },
    });
    expect(result.json[0][0]).toEqual({ age: 'abc', flag: 'maybe' });
  });

  it('turns failed items into error items when continuing on fail', async () => {
    const result = await testNode(set, {
      parameters: { assignments: assign(['list', 'array', 'not a list']) },
      items: [{}, {}],
      onError: 'continueRegularOutput',
    });
    expect(result.outputs[0]).toEqual([
      { json: { error: "'list' expects a array but we got 'not a list' [item 0]" }, pairedItem: { item: 0 } },
      { json: { error: "'list' expects a array but we got 'not a list' [item 1]" }, pairedItem: { item: 1 } },
    ]);
  });

  it('rejects an unknown field type naming the parameter', async () => {
    const error = await testNodeError(set, { parameters: { assignments: assign(['x', 'date', '2020']) } });
    expect(error.parameter).toBe('assignments.assignments[0].type');
    expect(error.message).toContain('unknown type "date"');
  });

  it('rejects a malformed assignments parameter', async () => {
    const error = await testNodeError(set, { parameters: { assignments: { assignments: [{ value: 1 }] } } });
    expect(error.code).toBe('PARAMETER_INVALID');
    expect(error.parameter).toBe('assignments');
  });
});

describe('Edit Fields (Set): binary data', () => {
  const binary = { data: { id: 'b1', mimeType: 'text/plain', fileSize: 3 } };

  it('passes binary through with other fields unless stripped', async () => {
    const kept = await testNode(set, {
      parameters: { includeOtherFields: true, assignments: assign(['x', 'number', 1]) },
      items: [{ json: { a: 1 }, binary }],
    });
    expect(kept.outputs[0][0].binary).toEqual(binary);
    const stripped = await testNode(set, {
      parameters: { includeOtherFields: true, assignments: assign(), options: { stripBinary: true } },
      items: [{ json: { a: 1 }, binary }],
    });
    expect(stripped.outputs[0][0].binary).toBeUndefined();
  });

  it('drops binary when only set fields are output, unless includeBinary', async () => {
    const dropped = await testNode(set, {
      parameters: { assignments: assign() },
      items: [{ json: {}, binary }],
    });
    expect(dropped.outputs[0][0].binary).toBeUndefined();
    const kept = await testNode(set, {
      parameters: { assignments: assign(), options: { includeBinary: true } },
      items: [{ json: {}, binary }],
    });
    expect(kept.outputs[0][0].binary).toEqual(binary);
  });
});

describe('Edit Fields (Set): JSON mode', () => {
  it('sets the fields of a JSON object, with dot notation', async () => {
    const result = await testNode(set, {
      parameters: { mode: 'raw', jsonOutput: '{ "a": 1, "b.c": [1, 2] }', includeOtherFields: true },
      items: [{ keep: true }],
    });
    expect(result.json[0][0]).toEqual({ keep: true, a: 1, b: { c: [1, 2] } });
  });

  it('tolerates single quotes, unquoted keys and trailing commas', async () => {
    const result = await testNode(set, {
      parameters: { mode: 'raw', jsonOutput: "{name: 'x', list: [1,2,],}" },
    });
    expect(result.json[0][0]).toEqual({ name: 'x', list: [1, 2] });
  });

  it('accepts an object value', async () => {
    const result = await testNode(set, { parameters: { mode: 'raw', jsonOutput: { a: { b: 2 } } } });
    expect(result.json[0][0]).toEqual({ a: { b: 2 } });
  });

  it('reports invalid JSON and non-objects clearly', async () => {
    const invalid = await testNodeError(set, { parameters: { mode: 'raw', jsonOutput: '{ "a": ' } });
    expect(invalid.code).toBe('SET_INVALID_JSON');
    expect(invalid.message).toBe("The 'JSON Output' in item 0 contains invalid JSON");
    expect(invalid.parameter).toBe('jsonOutput');
    const list = await testNodeError(set, { parameters: { mode: 'raw', jsonOutput: '[1, 2]' } });
    expect(list.message).toBe("The 'JSON Output' in item 0 does not contain a valid JSON object");
  });
});

describe('Edit Fields (Set): expressions', () => {
  it('resolves names and values per item', async () => {
    const result = await testNode(set, {
      parameters: {
        includeOtherFields: true,
        assignments: assign(
          ['=out_{{ $json.key }}', 'number', '={{ $json.n * 2 }}'],
          ['index', 'number', '={{ $itemIndex }}'],
        ),
      },
      items: [
        { key: 'a', n: 1 },
        { key: 'b', n: '' },
      ],
    });
    expect(result.json[0]).toEqual([
      { key: 'a', n: 1, out_a: 2, index: 0 },
      { key: 'b', n: '', out_b: 0, index: 1 },
    ]);
  });

  it('keeps objects from expressions as objects and converts them for strings', async () => {
    const result = await testNode(set, {
      parameters: {
        assignments: assign(['obj', 'object', '={{ $json.data }}'], ['text', 'string', '={{ $json.data }}']),
      },
      items: [{ data: { a: [1, 2] } }],
    });
    expect(result.json[0][0]).toEqual({ obj: { a: [1, 2] }, text: '{"a":[1,2]}' });
  });

  it('splices each {{ }} of a JSON template as JSON', async () => {
    const result = await testNode(set, {
      parameters: {
        mode: 'raw',
        jsonOutput:
          '={ "user": {{ $json.user }}, "greeting": "Hello {{ $json.user.name }}", "n": {{ $json.n + 1 }} }',
      },
      items: [{ user: { name: 'Ann', tags: ['x'] }, n: 1 }],
    });
    expect(result.json[0][0]).toEqual({ user: { name: 'Ann', tags: ['x'] }, greeting: 'Hello Ann', n: 2 });
  });

  it('names the JSON Output parameter when a template expression fails', async () => {
    const error = await testNodeError(set, {
      parameters: { mode: 'raw', jsonOutput: '={ "a": {{ $json.missing.deep }} }' },
      items: [{}],
    });
    expect(error.parameter).toBe('jsonOutput');
  });
});

describe('Edit Fields (Set): JSON templates', () => {
  it('evaluates a template that is one object expression, even ending in }}}', async () => {
    const result = await testNode(set, {
      parameters: {
        mode: 'raw',
        jsonOutput: '={{\n{\n name: $json.name,\n data: { tags: $json.tags, label: "a}}b" }}}}',
      },
      items: [{ name: 'Ann', tags: ['x'] }],
    });
    expect(result.json[0][0]).toEqual({ name: 'Ann', data: { tags: ['x'], label: 'a}}b' } });
  });

  it('splices several expressions into JSON text', async () => {
    const result = await testNode(set, {
      parameters: {
        mode: 'raw',
        jsonOutput:
          '={\n "question": "How can I set up {{ $json.data.displayName }}?",\n "list": {{ $json.list }}\n}',
      },
      items: [{ data: { displayName: 'Slack' }, list: [1, { a: 2 }] }],
    });
    expect(result.json[0][0]).toEqual({ question: 'How can I set up Slack?', list: [1, { a: 2 }] });
  });
});
