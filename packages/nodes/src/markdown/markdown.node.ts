/**
 * Markdown, parameters as n8n Markdown v1. Deviations: Markdown is rendered by
 * marked (n8n: showdown, which also adds `id`s to headings) and HTML converted
 * by node-html-markdown (as n8n); the common options are kept.
 */
import { defineNode, type Item, p } from '@guixu/core';
import { setField } from '../shared/field-paths.ts';
import { checkTextSize } from '../shared/file-limits.ts';
import { mapItems } from '../shared/item-errors.ts';
import { htmlToMarkdown, markdownToHtml } from './convert.ts';

const toMarkdown = { show: { '/mode': ['htmlToMarkdown'] } };
const toHtml = { show: { '/mode': ['markdownToHtml'] } };

export default defineNode({
  type: 'guixu.markdown',
  version: 1,
  displayName: 'Markdown',
  description: 'Converts Markdown to HTML and HTML to Markdown.',
  group: 'data',
  icon: 'file-text',
  defaultName: 'Markdown',
  inputs: ['main'],
  outputs: ['main'],
  docs: [
    'HTML to Markdown (node-html-markdown, as n8n: ATX headings, fenced code, tables; scripts and styles dropped) or Markdown to HTML (marked,',
    'GitHub-flavoured: tables, strikethrough, task lists). The result goes into "Destination Key" of a copy of the item.',
  ].join('\n'),
  params: {
    mode: p.options({
      label: 'Mode',
      options: [
        {
          value: 'markdownToHtml',
          label: 'Markdown to HTML',
          description: 'Convert data from Markdown to HTML',
        },
        {
          value: 'htmlToMarkdown',
          label: 'HTML to Markdown',
          description: 'Convert data from HTML to Markdown',
        },
      ],
      default: 'htmlToMarkdown',
    }),
    html: p.string({
      label: 'HTML',
      description: 'The HTML to be converted to Markdown.',
      rows: 4,
      default: '',
      displayOptions: { show: { mode: ['htmlToMarkdown'] } },
    }),
    markdown: p.string({
      label: 'Markdown',
      description: 'The Markdown to be converted to HTML.',
      rows: 4,
      default: '',
      displayOptions: { show: { mode: ['markdownToHtml'] } },
    }),
    destinationKey: p.string({
      label: 'Destination Key',
      description:
        'The field to put the output in. Specify nested fields using dots, e.g. "level1.level2.newKey".',
      default: 'data',
      required: true,
    }),
    options: p.collection({
      label: 'Options',
      fields: {
        bulletMarker: p.string({
          label: 'Bullet Marker',
          description: 'Specify bullet marker, default *.',
          default: '*',
          displayOptions: toMarkdown,
        }),
        codeFence: p.string({
          label: 'Code Block Fence',
          description: '``` or ~~~.',
          default: '```',
          displayOptions: toMarkdown,
        }),
        emDelimiter: p.string({ label: 'Italic Delimiter', default: '_', displayOptions: toMarkdown }),
        strongDelimiter: p.string({ label: 'Bold Delimiter', default: '**', displayOptions: toMarkdown }),
        ignore: p.string({
          label: 'Ignored Elements',
          description: 'Comma-separated tags whose content is left out.',
          displayOptions: toMarkdown,
        }),
        keepDataImages: p.boolean({
          label: 'Keep Images With Data',
          description: 'Whether to keep images with data: URIs.',
          default: false,
          displayOptions: toMarkdown,
        }),
        simpleLineBreaks: p.boolean({
          label: 'Enable Line Breaks',
          description: 'Whether a single newline is a <br>.',
          default: false,
          displayOptions: toHtml,
        }),
        tables: p.boolean({
          label: 'Tables Support',
          description: 'Whether GitHub-flavoured tables (and strikethrough, task lists) are read.',
          default: true,
          displayOptions: toHtml,
        }),
        completeHTMLDocument: p.boolean({
          label: 'Output as Complete HTML Document',
          default: false,
          displayOptions: toHtml,
        }),
        openLinksInNewWindow: p.boolean({
          label: 'Open Links in New Window',
          default: false,
          displayOptions: toHtml,
        }),
      },
    }),
  },
  run(ctx) {
    const output = mapItems(ctx, (item, i): Item => {
      const params = ctx.params(i);
      const source = params.mode === 'markdownToHtml' ? params.markdown : params.html;
      checkTextSize(ctx, source, params.mode === 'markdownToHtml' ? 'markdown' : 'html', i);
      const result =
        params.mode === 'markdownToHtml'
          ? markdownToHtml(source, params.options)
          : htmlToMarkdown(source, params.options);
      const json = structuredClone(item.json);
      setField(json, params.destinationKey, result);
      return { json, binary: item.binary, pairedItem: { item: i } };
    });
    return [output];
  },
});
