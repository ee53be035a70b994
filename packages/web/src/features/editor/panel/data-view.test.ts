import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import { i18n } from '../../../app/i18n.ts';
import OutputView from './DataView.vue';

const items = [
  {
    json: { name: 'Ada', address: { city: 'London' } },
    binary: { data: { id: 'b1', mimeType: 'image/png', fileName: 'portrait.png', fileSize: 2048 } },
  },
  { json: { name: 'Grace' }, binary: { report: { id: 'b2', mimeType: 'text/csv', fileName: 'r.csv' } } },
];

function mountView(binaryUrl?: (item: number, key: string) => string | null) {
  return mount(OutputView, {
    props: { items, label: 'output', ...(binaryUrl ? { binaryUrl } : {}) },
    global: { plugins: [i18n] },
  });
}

describe('the output view', () => {
  it('shows the schema: field paths, types and a first value', async () => {
    const view = mountView();
    await view.get('[data-test=view-schema]').trigger('click');
    const text = view.get('[data-test=schema]').text();
    expect(text).toContain('name');
    expect(text).toContain('string');
    expect(text).toContain('Ada');
    expect(text).toContain('city');
    expect(text).toContain('London');
  });

  it('lists binary attachments, previews images and links downloads when the data is stored', async () => {
    const view = mountView((item, key) => `/files/${item}/${key}`);
    await view.get('[data-test=view-binary]').trigger('click');
    const entries = view.findAll('[data-test=binary-entry]');
    expect(entries).toHaveLength(2);
    expect(entries[0]?.text()).toContain('portrait.png');
    expect(entries[0]?.text()).toContain('2.0 KB');
    expect(entries[0]?.get('img').attributes('src')).toBe('/files/0/data');
    expect(entries[1]?.find('img').exists()).toBe(false);
    expect(entries.map((e) => e.get('[data-test=binary-download]').attributes('href'))).toEqual([
      '/files/0/data',
      '/files/1/report',
    ]);
    expect(entries[1]?.find('[data-test=binary-preview]').exists()).toBe(true);
  });

  it('offers no download for data that is not stored (pinned)', async () => {
    const view = mountView(() => null);
    await view.get('[data-test=view-binary]').trigger('click');
    await nextTick();
    expect(view.find('[data-test=binary-download]').exists()).toBe(false);
    expect(view.find('img').exists()).toBe(false);
  });
});
