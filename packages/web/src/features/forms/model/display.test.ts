import { describe, expect, it } from 'vitest';
import { defaultValues, isVisible } from './display.ts';
import type { FormField } from './form-field.ts';

const field = (name: string, extra: Partial<FormField> = {}): FormField => ({
  name,
  kind: 'string',
  label: name,
  widget: 'text',
  ...extra,
});

describe('show/hide rules', () => {
  const mode = field('mode', { kind: 'options', widget: 'select', default: 'manual' });
  const manual = field('assignments', { displayOptions: { show: { mode: ['manual'] } } });
  const raw = field('json', { displayOptions: { show: { mode: ['raw'] } } });
  const notRaw = field('extra', { displayOptions: { hide: { mode: ['raw'] } } });
  const fields = [mode, manual, raw, notRaw];

  it('uses the default when the controlling field is unset', () => {
    expect(isVisible(manual, fields, {})).toBe(true);
    expect(isVisible(raw, fields, {})).toBe(false);
  });

  it('follows the current value for show and hide', () => {
    expect(isVisible(raw, fields, { mode: 'raw' })).toBe(true);
    expect(isVisible(manual, fields, { mode: 'raw' })).toBe(false);
    expect(isVisible(notRaw, fields, { mode: 'raw' })).toBe(false);
    expect(isVisible(notRaw, fields, { mode: 'manual' })).toBe(true);
  });

  it('needs every show key to match, reads /root keys and list values', () => {
    const both = field('b', { displayOptions: { show: { mode: ['raw'], '/method': ['POST', 'PUT'] } } });
    expect(isVisible(both, fields, { mode: 'raw' }, { method: 'POST' })).toBe(true);
    expect(isVisible(both, fields, { mode: 'raw' }, { method: 'GET' })).toBe(false);
    const multi = field('m', { displayOptions: { show: { units: ['day'] } } });
    expect(isVisible(multi, fields, { units: ['hour', 'day'] })).toBe(true);
    expect(isVisible(multi, fields, { units: ['hour'] })).toBe(false);
    expect(isVisible(field('h', { widget: 'hidden' }), fields, {})).toBe(false);
  });

  it('gives new nodes their defaults (copies, never shared objects)', () => {
    const list = field('l', { widget: 'list', default: [] });
    const values = defaultValues([
      mode,
      list,
      field('n', { widget: 'notice', default: '' }),
      field('c', { widget: 'collection' }),
    ]);
    expect(values).toEqual({ mode: 'manual', l: [] });
    expect(values.l).not.toBe(list.default);
  });
});
