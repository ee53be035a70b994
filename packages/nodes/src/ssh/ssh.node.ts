/**
 * SSH, parameters as n8n's SSH v1: run a command (stdout, stderr, exit code),
 * upload a file from binary data, download one into binary data, signing in
 * by password or private key. Deviations: a working directory that does not
 * exist fails the command (a non-zero exit code, the shell's message on
 * stderr) instead of running it elsewhere; the host key is checked when the
 * credential pins its fingerprint.
 */
import { defineNode, GuixuError, type Item, p } from '@guixu/core';
import type { Client } from 'ssh2';
import { binaryProperty, storeBinary } from '../shared/binary-property.ts';
import { failureHandler } from '../shared/connection-errors.ts';
import { nodeCredential } from '../shared/credential-error.ts';
import { mapItemsAsync } from '../shared/item-errors.ts';
import sshPasswordCredential from './ssh-password.credentials.ts';
import sshPrivateKeyCredential from './ssh-private-key.credentials.ts';
import { closeSsh, isAuthFailure, openSsh, type SshLogin, serverOf } from './ssh-connection.ts';
import { downloadFile, execute, joinRemote, remotePath, uploadFile } from './ssh-operations.ts';

const on = (resource: string, ...operation: string[]) => ({ show: { resource: [resource], operation } });

export default defineNode({
  type: 'guixu.ssh',
  version: 1,
  displayName: 'SSH',
  description: 'Runs commands on a server over SSH, and uploads or downloads files.',
  group: 'action',
  icon: 'terminal',
  defaultName: 'SSH',
  inputs: ['main'],
  outputs: ['main'],
  credentials: [
    { name: 'sshPassword', required: true, displayOptions: { show: { authentication: ['password'] } } },
    { name: 'sshPrivateKey', required: true, displayOptions: { show: { authentication: ['privateKey'] } } },
  ],
  docs: [
    'One SSH connection per run, used for every input item and closed after. Execute runs the command',
    "through the user's shell in the working directory and outputs `{ code, signal, stdout, stderr }`",
    '(a non-zero exit code is output, not an error). Upload writes a binary property to a file in the',
    'target directory (named after the binary file unless "File Name" is set); Download reads a file into',
    "a binary property. Paths starting with `~/` are relative to the user's home. A wrong password or key,",
    "an unreachable host or a missing file is a node error naming the server. The server's host key is",
    'checked when the credential sets "Host Key Fingerprint" (SHA256:…, as ssh-keygen -lf prints it).',
  ].join('\n'),
  params: {
    authentication: p.options({
      label: 'Authentication',
      options: [
        { value: 'password', label: 'Password' },
        { value: 'privateKey', label: 'Private Key' },
      ],
      default: 'password',
    }),
    resource: p.options({
      label: 'Resource',
      options: [
        { value: 'command', label: 'Command' },
        { value: 'file', label: 'File' },
      ],
      default: 'command',
    }),
    operation: p.options({
      label: 'Operation',
      options: [
        { value: 'execute', label: 'Execute', description: 'Execute a command' },
        { value: 'download', label: 'Download', description: 'Download a file' },
        { value: 'upload', label: 'Upload', description: 'Upload a file' },
      ],
      default: 'execute',
    }),
    command: p.string({
      label: 'Command',
      description: 'The command to be executed on a remote device',
      displayOptions: on('command', 'execute'),
    }),
    cwd: p.string({
      label: 'Working Directory',
      default: '/',
      required: true,
      displayOptions: on('command', 'execute'),
    }),
    binaryPropertyName: p.string({
      label: 'Input Binary Field',
      description: 'The name of the input binary field containing the file to be uploaded',
      default: 'data',
      required: true,
      displayOptions: on('file', 'upload', 'download'),
    }),
    path: p.string({
      label: 'Target Directory',
      description:
        'Upload: the directory to upload the file to (its name is the file name). Download: the path of the file to download.',
      placeholder: '/home/user',
      required: true,
      displayOptions: on('file', 'upload', 'download'),
    }),
    options: p.collection({
      label: 'Options',
      displayOptions: on('file', 'upload', 'download'),
      fields: {
        fileName: p.string({
          label: 'File Name',
          description: 'Overrides the binary data file name',
        }),
      },
    }),
  },
  async run(ctx) {
    const node = ctx.node.name;
    const first = ctx.params(0);
    const login: SshLogin =
      first.authentication === 'privateKey'
        ? nodeCredential(sshPrivateKeyCredential, await ctx.credentials('sshPrivateKey'), node)
        : nodeCredential(sshPasswordCredential, await ctx.credentials('sshPassword'), node);
    const fail = failureHandler({
      node,
      product: 'SSH',
      prefix: 'SSH',
      server: serverOf(login),
      isAuthFailure,
      rejected: 'COMMAND_FAILED',
      rejectedAdvice: 'Check the path and that the user may read or write it.',
    });
    let client: Client;
    try {
      client = await openSsh(login, ctx.signal);
    } catch (error) {
      throw fail(error);
    }
    try {
      const items = await mapItemsAsync(ctx, async (item, itemIndex): Promise<Item> => {
        const params = ctx.params(itemIndex);
        const paired = { item: itemIndex };
        try {
          if (params.resource === 'command') {
            if (params.command.trim() === '') {
              throw new GuixuError(
                'SSH_COMMAND_EMPTY',
                `Node "${node}" has no command to execute [item ${itemIndex}]`,
                {
                  parameter: 'command',
                  details: { itemIndex },
                },
              );
            }
            const result = await execute(client, params.command, params.cwd, ctx.signal);
            return { json: { ...result }, pairedItem: paired };
          }
          if (params.operation === 'upload') {
            const ref = binaryProperty(item, params.binaryPropertyName, itemIndex);
            const fileName = params.options.fileName || ref.fileName || params.binaryPropertyName;
            await uploadFile(client, joinRemote(params.path, fileName), ctx.services.binary.stream(ref));
            return { json: { success: true }, pairedItem: paired };
          }
          const bytes = await downloadFile(client, params.path);
          const fileName = params.options.fileName || remotePath(params.path).split('/').pop() || 'file';
          const ref = await storeBinary(ctx, bytes, { fileName });
          return {
            json: item.json,
            binary: { ...item.binary, [params.binaryPropertyName]: ref },
            pairedItem: paired,
          };
        } catch (error) {
          throw fail(error, itemIndex);
        }
      });
      return [items];
    } finally {
      await closeSsh(client);
    }
  },
});
