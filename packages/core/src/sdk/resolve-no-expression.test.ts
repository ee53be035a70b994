import { describe, expect, it } from 'vitest';
import { p } from './params.ts';
import { CompiledParams } from './resolve.ts';

describe('noExpression on nested fields', () => {
  it('leaves nested noExpression fields as written and resolves their siblings', () => {
    const shape = {
      options: p.collection({
        label: 'Options',
        fields: {
          timeout: p.number({ label: 'Timeout' }),
          pagination: p.object({
            label: 'Pagination',
            fields: {
              items: p.list({
                label: 'Items',
                fields: {
                  name: p.string({ label: 'Name' }),
                  value: p.string({ label: 'Value', noExpression: true }),
                },
              }),
            },
          }),
        },
      }),
    };
    const compiled = new CompiledParams(shape, {
      options: {
        timeout: '={{ 5 }}',
        pagination: { items: [{ name: '={{ "page" }}', value: '={{ $response.body.next }}' }] },
      },
    });
    const seen: string[] = [];
    const params = compiled.resolve((source, path) => {
      seen.push(path);
      return source === '={{ 5 }}' ? 5 : 'page';
    });
    expect(seen).toEqual(['options.timeout', 'options.pagination.items[0].name']);
    expect(params.options).toEqual({
      timeout: 5,
      pagination: { items: [{ name: 'page', value: '={{ $response.body.next }}' }] },
    });
  });
});
