/** Compression, parameters as n8n Compression v1.1: zip or gzip binary files, and unpack them. */
import { basename } from 'node:path';
import { type BinaryRef, defineNode, GuixuError, type Item, p } from '@guixu/core';
import { binaryProperty, storeBinary } from '../shared/binary-property.ts';
import { formatBytes, maxFileBytes, readLimited } from '../shared/file-limits.ts';
import { mapItemsAsync } from '../shared/item-errors.ts';
import { ArchiveLimitError, gunzip, gzip, unzip, zip } from './archive.ts';
import { isGzip, isZip } from './zip-limits.ts';

const show = (...operation: string[]) => ({ show: { operation } });

export default defineNode({
  type: 'guixu.compression',
  version: 1,
  displayName: 'Compression',
  description: 'Compresses binary files into zip or gzip, and decompresses them.',
  group: 'data',
  icon: 'archive',
  defaultName: 'Compression',
  inputs: ['main'],
  outputs: ['main'],
  docs: [
    'Compress: the listed binary properties (comma-separated) go into one zip, or are gzipped one by one.',
    'Decompress: zip and gzip files (detected from their bytes) are unpacked into binary properties `file_0`, `file_1`, …',
    'Unpacking stops at GUIXU_FILE_NODES_MAX_MB of output (default 256) and 10,000 files: a zip bomb is a node error, not a full disk.',
  ].join('\n'),
  params: {
    operation: p.options({
      label: 'Operation',
      options: [
        { value: 'compress', label: 'Compress', description: 'Compress files into a zip or gzip archive' },
        { value: 'decompress', label: 'Decompress', description: 'Decompress zip or gzip archives' },
      ],
      default: 'decompress',
    }),
    binaryPropertyName: p.string({
      label: 'Input Binary Field(s)',
      description: 'Names of the binary properties to (de)compress, separated by commas.',
      default: 'data',
      required: true,
    }),
    outputFormat: p.options({
      label: 'Output Format',
      options: [
        { value: 'gzip', label: 'Gzip' },
        { value: 'zip', label: 'Zip' },
      ],
      default: 'zip',
      displayOptions: show('compress'),
    }),
    fileName: p.string({
      label: 'File Name',
      description: 'Name of the output file.',
      placeholder: 'data.zip',
      default: 'data.zip',
      displayOptions: { show: { operation: ['compress'], outputFormat: ['zip'] } },
    }),
    binaryPropertyOutput: p.string({
      label: 'Put Output File in Field',
      default: 'data',
      displayOptions: { show: { operation: ['compress'], outputFormat: ['zip'] } },
    }),
    outputPrefix: p.string({
      label: 'Output File Prefix',
      description: 'Prefix of the binary properties the files are put in (prefix0, prefix1, …).',
      default: 'file_',
      displayOptions: { hide: { outputFormat: ['zip'] } },
    }),
  },
  async run(ctx) {
    const limit = maxFileBytes(ctx);
    const output = await mapItemsAsync(ctx, async (item, i): Promise<Item> => {
      const params = ctx.params(i);
      const names = params.binaryPropertyName
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean);
      const refs = names.map((name) => [name, binaryProperty(item, name, i)] as const);
      const binary: Record<string, BinaryRef> = {};
      if (params.operation === 'compress') {
        const files = [];
        for (const [name, ref] of refs) {
          files.push({ name: ref.fileName || name, bytes: await readLimited(ctx, ref, i) });
        }
        if (params.outputFormat === 'zip') {
          const fileName = params.fileName || 'data.zip';
          binary[params.binaryPropertyOutput || 'data'] = await storeBinary(ctx, zip(files), {
            fileName,
            mimeType: 'application/zip',
          });
        } else {
          for (const [index, file] of files.entries()) {
            binary[`${params.outputPrefix}${index}`] = await storeBinary(ctx, gzip(file.bytes), {
              fileName: `${file.name}.gz`,
              mimeType: 'application/gzip',
            });
          }
        }
        return { json: item.json, binary, pairedItem: { item: i } };
      }
      let index = 0;
      for (const [, ref] of refs) {
        const bytes = await readLimited(ctx, ref, i);
        try {
          if (isZip(bytes)) {
            for (const file of unzip(bytes, limit)) {
              binary[`${params.outputPrefix}${index++}`] = await storeBinary(ctx, file.bytes, {
                fileName: file.name,
              });
            }
          } else if (isGzip(bytes)) {
            const fileName = (ref.fileName || 'file.gz')
              .replace(/\.(gz|gzip)$/i, '')
              .replace(/\.tgz$/i, '.tar');
            binary[`${params.outputPrefix}${index++}`] = await storeBinary(ctx, gunzip(bytes, limit), {
              fileName: basename(fileName),
            });
          } else {
            throw new Error('the file is neither a zip nor a gzip archive');
          }
        } catch (error) {
          if (error instanceof GuixuError) throw error;
          if (error instanceof ArchiveLimitError) {
            throw new GuixuError(
              'FILE_TOO_LARGE',
              `"${ref.fileName ?? 'The archive'}" expands past the limit of ${formatBytes(limit)}${error.message === 'expanded' ? '' : ` (${error.message})`} [item ${i}]`,
              {
                parameter: 'binaryPropertyName',
                details: { itemIndex: i },
                description: 'Raise GUIXU_FILE_NODES_MAX_MB on the server if the archive is trusted.',
              },
            );
          }
          throw new GuixuError(
            'FILE_INVALID',
            `"${ref.fileName ?? 'The file'}" could not be decompressed: ${error instanceof Error ? error.message : String(error)} [item ${i}]`,
            { parameter: 'binaryPropertyName', details: { itemIndex: i }, cause: error },
          );
        }
      }
      return { json: item.json, binary, pairedItem: { item: i } };
    });
    return [output];
  },
});
