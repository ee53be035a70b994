import { describe, expect, it } from 'vitest';
import { placeholders, previewVariables } from './prompt-model.ts';

describe('prompt placeholders', () => {
  it('finds each {{ name }} once, in order', () => {
    expect(
      placeholders('Hi {{ name }}, {{topic}}', 'about {{topic}} and {{ user.city }} {{ 9bad }}'),
    ).toEqual(['name', 'topic', 'user.city']);
  });

  it('lists declared variables before undeclared placeholders', () => {
    expect(
      previewVariables([{ name: 'tone', description: '', default: 'kind' }], '{{tone}}', '{{question}}'),
    ).toEqual(['tone', 'question']);
  });
});
