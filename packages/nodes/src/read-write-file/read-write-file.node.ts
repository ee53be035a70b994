/**
 * Read/Write Files from Disk, parameters as n8n Read/Write Files from Disk v1.
 * Deviation: only files inside the server's files directory (GUIXU_FILES_DIR)
 * are reachable; see files-dir.ts.
 */
import { defineNode, GuixuError, type Item, p } from '@guixu/core';
import { binaryProperty } from '../shared/binary-property.ts';
import { mapItemsAsync } from '../shared/item-errors.ts';
import { filesDir, realRoot } from './files-dir.ts';
import { readFiles } from './read-files.ts';
import { writeFile } from './write-file.ts';

const on = (...operation: string[]) => ({ show: { operation } });

export default defineNode({
  type: 'guixu.readWriteFile',
  version: 1,
  displayName: 'Read/Write Files from Disk',
  description: "Reads files from or writes files to the server's files directory.",
  group: 'action',
  icon: 'file',
  defaultName: 'Read/Write Files from Disk',
  inputs: ['main'],
  outputs: ['main'],
  docs: [
    'Read: every file matching "File(s) Selector" (a path or a glob such as `reports/*.csv`) becomes an item with the file as binary data and its name, size and type as JSON.',
    'Write: the item\'s binary property is written to "File Path and Name" (parent folders are created; "Append" adds to an existing file).',
    'Only the files directory is reachable: GUIXU_FILES_DIR on the server (default `files/` in the data directory). Paths are relative to it;',
    'an absolute path outside it, `..` leading out of it, or a symbolic link pointing out of it is refused with FILE_PATH_NOT_ALLOWED.',
  ].join('\n'),
  params: {
    operation: p.options({
      label: 'Operation',
      options: [
        { value: 'read', label: 'Read File(s) From Disk', description: 'Retrieve one or more files' },
        { value: 'write', label: 'Write File to Disk', description: 'Create a binary file on disk' },
      ],
      default: 'read',
    }),
    fileSelector: p.string({
      label: 'File(s) Selector',
      description: 'A path or a glob pattern inside the files directory, e.g. reports/*.csv.',
      placeholder: 'e.g. reports/**/*.csv',
      required: true,
      displayOptions: on('read'),
    }),
    fileName: p.string({
      label: 'File Path and Name',
      description: 'Path of the file to write, inside the files directory.',
      placeholder: 'e.g. reports/out.csv',
      required: true,
      displayOptions: on('write'),
    }),
    dataPropertyName: p.string({
      label: 'Input Binary Field',
      description: 'The name of the input binary field containing the file to be written.',
      default: 'data',
      required: true,
      displayOptions: on('write'),
    }),
    options: p.collection({
      label: 'Options',
      fields: {
        append: p.boolean({
          label: 'Append',
          description: 'Whether to append to an existing file.',
          default: false,
          displayOptions: { show: { '/operation': ['write'] } },
        }),
        fileExtension: p.string({
          label: 'File Extension',
          description: 'Extension of the file in the output binary.',
          displayOptions: { show: { '/operation': ['read'] } },
        }),
        fileName: p.string({
          label: 'File Name',
          description: 'Name of the file in the output binary.',
          displayOptions: { show: { '/operation': ['read'] } },
        }),
        mimeType: p.string({
          label: 'MIME Type',
          description: 'MIME type of the file in the output binary (from the name when empty).',
          displayOptions: { show: { '/operation': ['read'] } },
        }),
        dataPropertyName: p.string({
          label: 'Put Output File in Field',
          description: 'The name of the output binary field to put the file in.',
          default: 'data',
          displayOptions: { show: { '/operation': ['read'] } },
        }),
      },
    }),
  },
  async run(ctx) {
    const root = await realRoot(filesDir(ctx));
    const output = await mapItemsAsync(ctx, async (item, i): Promise<Item[]> => {
      const params = ctx.params(i);
      if (params.operation === 'read') {
        return readFiles(ctx, { root, selector: params.fileSelector, options: params.options, itemIndex: i });
      }
      const property = params.dataPropertyName.trim() || 'data';
      const ref = binaryProperty(item, property, i, 'dataPropertyName');
      await writeFile(ctx, {
        root,
        path: params.fileName,
        ref,
        append: params.options.append === true,
        itemIndex: i,
      });
      if (ctx.signal.aborted) throw new GuixuError('EXECUTION_CANCELED', 'The execution was canceled');
      return [
        {
          json: { ...item.json, fileName: params.fileName },
          binary: item.binary,
          pairedItem: { item: i },
        },
      ];
    });
    return [output];
  },
});
