/**
 * Default Data Loader: turns input items (a text field, the whole JSON, or a file) into
 * chunks through the connected text splitter, each chunk with its source, document id,
 * chunk number and character position for citations.
 */
import { defineNode, type Item, type JsonObject, p } from '@guixu/core';
import type { LoadedChunk, SuppliedLoader } from '../cluster/contracts.ts';
import { textWithDefault } from '../cluster/default-expression.ts';
import { suppliedOptional } from '../cluster/sub-nodes.ts';
import { PLAIN_SEPARATORS, splitText } from '../text-splitter-recursive/recursive-split.ts';
import { documentText } from './document-text.ts';

export default defineNode({
  type: 'guixu.documentDefaultDataLoader',
  version: 1,
  displayName: 'Default Data Loader',
  description: 'Loads items or files (text, Markdown, HTML, JSON, CSV) as documents for a vector store.',
  group: 'ai',
  icon: 'file-import',
  inputs: [{ type: 'ai_textSplitter', displayName: 'Text Splitter', maxConnections: 1 }],
  outputs: [{ type: 'ai_document', displayName: 'Document' }],
  params: {
    dataType: p.options({
      label: 'Type of Data',
      options: [
        { value: 'json', label: 'JSON', description: 'A text field of each item (or the whole item)' },
        { value: 'binary', label: 'Binary', description: 'A file of each item' },
      ],
      default: 'json',
    }),
    text: p.string({
      label: 'Text',
      default: '={{ $json.text }}',
      description: 'Empty: the whole item as JSON.',
      displayOptions: { show: { dataType: ['json'] } },
    }),
    binaryProperty: p.string({
      label: 'Binary Property',
      default: 'data',
      displayOptions: { show: { dataType: ['binary'] } },
    }),
    source: p.string({
      label: 'Source',
      default: '',
      description: 'Cited as the chunk’s source; default: the file name, or the item number.',
    }),
    metadata: p.list({
      label: 'Metadata',
      fields: { name: p.string({ label: 'Name' }), value: p.string({ label: 'Value' }) },
    }),
  },
  run: () => [[]],
  async supplyData(ctx, itemIndex): Promise<SuppliedLoader> {
    const splitter = await suppliedOptional(ctx, 'splitter', itemIndex);
    const split =
      splitter?.split ??
      ((t: string) => splitText(t, { chunkSize: 1000, chunkOverlap: 200, separators: PLAIN_SEPARATORS }));
    const itemText = async (item: Item, i: number): Promise<{ text: string; source: string }> => {
      const params = ctx.params(i);
      if (params.dataType === 'binary') {
        const ref = item.binary?.[params.binaryProperty];
        if (!ref) return { text: '', source: params.source || `item ${i}` };
        const bytes = await ctx.services.binary.get(ref);
        const fileName = ref.fileName ?? `item ${i}`;
        return { text: await documentText(bytes, ref.mimeType, fileName), source: params.source || fileName };
      }
      const text =
        params.text.trim() === '' ? JSON.stringify(item.json) : textWithDefault(ctx, params.text, i);
      return { text, source: params.source || `item ${i}` };
    };
    return {
      kind: 'loader',
      async load(items, signal) {
        const chunks: LoadedChunk[] = [];
        for (let i = 0; i < items.length; i++) {
          signal.throwIfAborted();
          const { text, source } = await itemText(items[i] as Item, i);
          const extra: JsonObject = {};
          for (const { name, value } of ctx.params(i).metadata) if (name) extra[name] = value;
          split(text).forEach((chunk, n) => {
            chunks.push({
              documentId: source,
              text: chunk.text,
              metadata: {
                ...extra,
                source,
                chunk: n,
                start: chunk.start,
                end: chunk.end,
                ...(chunk.headings ? { headings: chunk.headings } : {}),
              },
            });
          });
        }
        return chunks;
      },
    };
  },
});
