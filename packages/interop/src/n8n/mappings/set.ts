import { entries, newId, record, sameShape, type Translation } from '../mapping.ts';

/**
 * Set v1–v2 (`values.{boolean,number,string}` + `keepOnlySet`) and v3.0–3.2
 * (`fields.values` with `<type>Value` keys + `include`) become v3.4's
 * `assignments` + `includeOtherFields`/`include`.
 */
const V3_TYPES: Record<string, string> = {
  stringValue: 'string',
  numberValue: 'number',
  booleanValue: 'boolean',
  arrayValue: 'array',
  objectValue: 'object',
};

function fromV1(parameters: Record<string, unknown>): Translation {
  const values = record(parameters.values);
  const assignments: Record<string, unknown>[] = [];
  // v1 applied booleans, then numbers, then strings.
  for (const type of ['boolean', 'number', 'string'] as const) {
    for (const entry of entries(values, type)) {
      const fallback = type === 'boolean' ? false : type === 'number' ? 0 : '';
      assignments.push({
        id: newId(),
        name: entry.name ?? 'propertyName',
        value: entry.value ?? fallback,
        type,
      });
    }
  }
  const options = record(parameters.options);
  const out: Record<string, unknown> = {
    mode: 'manual',
    assignments: { assignments },
    includeOtherFields: parameters.keepOnlySet !== true,
    options: { dotNotation: options.dotNotation ?? true, stripBinary: false },
  };
  if (out.includeOtherFields) out.include = 'all';
  return { parameters: out };
}

function fromV3(parameters: Record<string, unknown>): Translation {
  const assignments = entries(parameters.fields, 'values').map((entry) => {
    const typeKey = typeof entry.type === 'string' ? entry.type : 'stringValue';
    const type = V3_TYPES[typeKey] ?? 'string';
    const fallback = type === 'number' ? 0 : type === 'boolean' ? false : type === 'object' ? '{}' : '';
    return { id: newId(), name: entry.name ?? '', value: entry[typeKey] ?? fallback, type };
  });
  const { fields: _fields, include, ...rest } = parameters;
  const mode = include ?? 'all';
  const out: Record<string, unknown> = { ...rest, assignments: { assignments } };
  if (mode === 'none') out.includeOtherFields = false;
  else {
    out.includeOtherFields = true;
    out.include = mode;
  }
  // v3.0–3.3 kept binary data unless told otherwise; v3.4 strips it by default.
  const options = record(parameters.options);
  out.options = { ...options, stripBinary: options.includeBinary === false };
  delete (out.options as Record<string, unknown>).includeBinary;
  return { parameters: out };
}

export default sameShape('set', 'guixu.set', 3.4, (node) => {
  if (node.typeVersion < 3) return fromV1(node.parameters);
  if (node.typeVersion < 3.3) return fromV3(node.parameters);
  const parameters = { ...node.parameters };
  if (node.typeVersion < 3.4) {
    const options = record(parameters.options);
    parameters.options = { ...options, stripBinary: options.includeBinary === false };
    delete (parameters.options as Record<string, unknown>).includeBinary;
  }
  return { parameters };
});
