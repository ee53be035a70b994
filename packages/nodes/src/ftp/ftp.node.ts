/**
 * FTP, parameters as n8n's FTP v1 (protocol FTP or SFTP): list, upload,
 * download, delete, rename. Additions: Create Folder, FTPS in the FTP
 * credential. Listings have one shape for both protocols.
 */
import { defineNode, type Item, p } from '@guixu/core';
import { binaryProperty, storeBinary } from '../shared/binary-property.ts';
import { failureHandler } from '../shared/connection-errors.ts';
import { nodeCredential } from '../shared/credential-error.ts';
import { mapItemsAsync } from '../shared/item-errors.ts';
import { isAuthFailure as isSshAuthFailure } from '../ssh/ssh-connection.ts';
import ftpCredential from './ftp.credentials.ts';
import { isFtpAuthFailure, openFtp } from './ftp-files.ts';
import { listRecursive, parentOf, type RemoteFiles } from './remote-files.ts';
import sftpCredential from './sftp.credentials.ts';
import { openSftp } from './sftp-files.ts';

const show = (...operation: string[]) => ({ show: { operation } });

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  yield bytes;
}

export default defineNode({
  type: 'guixu.ftp',
  version: 1,
  displayName: 'FTP',
  description:
    'Lists, uploads, downloads, deletes, renames files and creates folders on an FTP or SFTP server.',
  group: 'action',
  icon: 'folder',
  defaultName: 'FTP',
  inputs: ['main'],
  outputs: ['main'],
  credentials: [
    { name: 'ftp', required: true, displayOptions: { show: { protocol: ['ftp'] } } },
    { name: 'sftp', required: true, displayOptions: { show: { protocol: ['sftp'] } } },
  ],
  docs: [
    'One connection per run, used for every input item and closed after. List outputs one item per entry',
    '`{ type, name, size, modifyTime, path }` (type `d` directory, `-` file, `l` link); recursive lists',
    'every file below the path. Upload writes a binary property (or the text of "File Content") and',
    'creates missing folders; Download reads a file into a binary property; Delete removes a file, or a',
    'folder (with its content when recursive); Rename moves a file, optionally creating the target folders;',
    'Create Folder makes a folder and its parents. A wrong password, an unreachable host or a missing file',
    'is a node error naming the server.',
  ].join('\n'),
  params: {
    protocol: p.options({
      label: 'Protocol',
      options: [
        { value: 'ftp', label: 'FTP' },
        { value: 'sftp', label: 'SFTP' },
      ],
      default: 'ftp',
    }),
    operation: p.options({
      label: 'Operation',
      options: [
        { value: 'delete', label: 'Delete', description: 'Delete a file/folder' },
        { value: 'download', label: 'Download', description: 'Download a file' },
        { value: 'list', label: 'List', description: 'List folder content' },
        { value: 'rename', label: 'Rename', description: 'Rename/move oldPath to newPath' },
        { value: 'upload', label: 'Upload', description: 'Upload a file' },
        { value: 'mkdir', label: 'Create Folder', description: 'Create a folder and its missing parents' },
      ],
      default: 'download',
    }),
    path: p.string({
      label: 'Path',
      description: 'The path of the file or folder (list: the folder to list)',
      placeholder: '/public/documents/invoice.txt',
      default: '',
      required: true,
      displayOptions: show('delete', 'download', 'list', 'upload', 'mkdir'),
    }),
    oldPath: p.string({ label: 'Old Path', required: true, displayOptions: show('rename') }),
    newPath: p.string({ label: 'New Path', required: true, displayOptions: show('rename') }),
    binaryPropertyName: p.string({
      label: 'Put Output File in Field',
      description: 'The name of the binary field holding the file (download: to write, upload: to read)',
      default: 'data',
      required: true,
      displayOptions: { show: { operation: ['download', 'upload'] }, hide: { binaryData: [false] } },
    }),
    binaryData: p.boolean({
      label: 'Binary File',
      description: 'Whether the data to upload should be taken from binary field',
      default: true,
      displayOptions: show('upload'),
    }),
    fileContent: p.string({
      label: 'File Content',
      description: 'The text content of the file to upload',
      rows: 4,
      displayOptions: { show: { operation: ['upload'], binaryData: [false] } },
    }),
    recursive: p.boolean({
      label: 'Recursive',
      description: 'Whether to return object representing all directories / objects recursively',
      default: false,
      displayOptions: show('list'),
    }),
    options: p.collection({
      label: 'Options',
      displayOptions: show('delete', 'rename'),
      fields: {
        folder: p.boolean({
          label: 'Folder',
          description: 'Whether folders can be deleted',
          default: false,
          displayOptions: { show: { '/operation': ['delete'] } },
        }),
        recursive: p.boolean({
          label: 'Recursive',
          description: 'Whether to remove all files and directories in target directory',
          default: false,
          displayOptions: { show: { '/operation': ['delete'], folder: [true] } },
        }),
        createDirectories: p.boolean({
          label: 'Create Directories',
          description:
            'Whether to recursively create destination directory when renaming an existing file or folder',
          default: false,
          displayOptions: { show: { '/operation': ['rename'] } },
        }),
      },
    }),
  },
  async run(ctx) {
    const node = ctx.node.name;
    const sftp = ctx.params(0).protocol === 'sftp';
    let server: string;
    let open: () => Promise<RemoteFiles>;
    if (sftp) {
      const credential = nodeCredential(sftpCredential, await ctx.credentials('sftp'), node);
      server = `${credential.host}:${credential.port}`;
      open = () => openSftp(credential);
    } else {
      const credential = nodeCredential(ftpCredential, await ctx.credentials('ftp'), node);
      server = `${credential.host}:${credential.port}`;
      open = () => openFtp(credential);
    }
    const fail = failureHandler({
      node,
      product: sftp ? 'SFTP' : 'FTP',
      prefix: sftp ? 'SFTP' : 'FTP',
      server,
      isAuthFailure: sftp ? isSshAuthFailure : isFtpAuthFailure,
      rejected: 'COMMAND_FAILED',
      rejectedAdvice: 'Check the path and that the user may read or write it.',
    });
    let files: RemoteFiles;
    try {
      files = await open();
    } catch (error) {
      throw fail(error);
    }
    try {
      const items = await mapItemsAsync(ctx, async (item, itemIndex): Promise<Item | Item[]> => {
        const params = ctx.params(itemIndex);
        const paired = { item: itemIndex };
        const done: Item = { json: { success: true }, pairedItem: paired };
        try {
          switch (params.operation) {
            case 'list': {
              const entries = params.recursive
                ? await listRecursive(files, params.path)
                : await files.list(params.path);
              return entries.map((entry) => ({ json: { ...entry }, pairedItem: paired }));
            }
            case 'upload': {
              const data = params.binaryData
                ? ctx.services.binary.stream(binaryProperty(item, params.binaryPropertyName, itemIndex))
                : once(Buffer.from(params.fileContent, 'utf8'));
              await files.upload(params.path, data);
              return { ...item, pairedItem: paired };
            }
            case 'download': {
              const bytes = await files.download(params.path);
              const fileName = params.path.split('/').pop() || 'file';
              const ref = await storeBinary(ctx, bytes, { fileName });
              return {
                json: item.json,
                binary: { ...item.binary, [params.binaryPropertyName]: ref },
                pairedItem: paired,
              };
            }
            case 'delete':
              if (params.options.folder)
                await files.deleteFolder(params.path, params.options.recursive === true);
              else await files.deleteFile(params.path);
              return done;
            case 'rename': {
              const parent = parentOf(params.newPath);
              if (params.options.createDirectories && parent) await files.mkdir(parent);
              await files.rename(params.oldPath, params.newPath);
              return done;
            }
            case 'mkdir':
              await files.mkdir(params.path);
              return done;
          }
        } catch (error) {
          throw fail(error, itemIndex);
        }
      });
      return [items];
    } finally {
      await files.close();
    }
  },
});
