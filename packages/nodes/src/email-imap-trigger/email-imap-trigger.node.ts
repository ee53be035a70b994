/**
 * Email Trigger (IMAP), parameters as n8n's Email Trigger (IMAP) v2.1: new
 * mail in a mailbox starts an execution, the messages as items (simple,
 * resolved or raw), attachments as binary data. Deviations: "Mark as Read"
 * happens once the execution succeeded (n8n marks on fetch); the custom rules
 * are read into imapflow's search (flags, FROM/TO/SUBJECT…, dates, HEADER,
 * NOT, OR).
 */
import { defineNode, NodeOperationError, p } from '@guixu/core';
import { failureHandler } from '../shared/connection-errors.ts';
import { nodeCredential } from '../shared/credential-error.ts';
import imapCredential from './imap.credentials.ts';
import { imapClient, isAuthFailure, serverOf } from './imap-client.ts';
import { watchMailbox } from './imap-listener.ts';
import { searchCriteria } from './imap-search.ts';

/**
 * The highest UID each trigger emitted, per mailbox UIDVALIDITY, kept for the
 * life of the process: a reconnection (dropped connection, Force Reconnect)
 * does not emit the same unread mail again.
 */
const lastUids = new Map<string, number>();

export default defineNode({
  type: 'guixu.emailReadImap',
  version: 1,
  displayName: 'Email Trigger (IMAP)',
  description:
    'Starts the workflow when new mail arrives in an IMAP mailbox; attachments become binary data.',
  group: 'trigger',
  icon: 'mail',
  defaultName: 'Email Trigger (IMAP)',
  inputs: [],
  outputs: ['main'],
  trigger: { kind: 'event' },
  credentials: [{ name: 'imap', required: true }],
  docs: [
    'While the workflow is active the trigger keeps one IMAP connection open (IDLE). When it opens, and',
    'whenever the server reports new mail, it searches the mailbox with the rules (default: unread mail)',
    'and starts one execution with the messages it has not emitted before, one item each. "Simple" gives',
    'from, to, cc, subject, date, the other headers under `metadata`, `textPlain` and `textHtml`;',
    '"Resolved" the parsed message (addresses as objects, headers, html, text); "Raw" the message source',
    'as base64. With "Download Attachments" they become binary properties `attachment_0`, `attachment_1`…',
    '"Mark as Read" flags the messages once their execution succeeded. A wrong password or unknown mailbox',
    'refuses the activation; a dropped connection is reopened with a backoff.',
  ].join('\n'),
  params: {
    mailbox: p.string({ label: 'Mailbox Name', default: 'INBOX' }),
    postProcessAction: p.options({
      label: 'Action',
      description: 'What to do after the email has been received',
      options: [
        { value: 'read', label: 'Mark as Read' },
        { value: 'nothing', label: 'Nothing' },
      ],
      default: 'read',
    }),
    downloadAttachments: p.boolean({
      label: 'Download Attachments',
      description: 'Whether attachments of emails should be downloaded',
      default: false,
      displayOptions: { show: { format: ['simple', 'resolved'] } },
    }),
    format: p.options({
      label: 'Format',
      description: 'The format to return the message in',
      options: [
        {
          value: 'raw',
          label: 'RAW',
          description: 'Returns the full email message data with body content in the raw field as a base64',
        },
        {
          value: 'resolved',
          label: 'Resolved',
          description: 'Returns the full email with all data resolved and attachments saved as binary data',
        },
        {
          value: 'simple',
          label: 'Simple',
          description: 'Returns the full email; do not use if you wish to gather inline attachments',
        },
      ],
      default: 'simple',
    }),
    dataPropertyAttachmentsPrefixName: p.string({
      label: 'Property Prefix Name',
      description:
        'Prefix for name of the binary property to which to write the attachments. An index starting with 0 will be added.',
      default: 'attachment_',
      displayOptions: { show: { format: ['simple', 'resolved'], downloadAttachments: [true] } },
    }),
    options: p.collection({
      label: 'Options',
      fields: {
        customEmailConfig: p.string({
          label: 'Custom Email Rules',
          description:
            'Custom email fetching rules, as node-imap search criteria: ["UNSEEN", ["SINCE", "May 20, 2018"]]',
          default: '["UNSEEN"]',
        }),
        allowUnauthorizedCerts: p.boolean({
          label: 'Ignore SSL Issues (Insecure)',
          description: 'Whether to connect even if SSL certificate validation is not possible',
          default: false,
        }),
        forceReconnect: p.number({
          label: 'Force Reconnect Every Minutes',
          description: 'Sets an interval (in minutes) to force a reconnection',
          default: 60,
          min: 0,
          integer: true,
        }),
        trackLastMessageId: p.boolean({
          label: 'Fetch Only New Emails',
          description: 'Whether to fetch only messages with a UID above the last one emitted',
          default: true,
        }),
      },
    }),
  },
  // An execution starts with the messages the listener emitted.
  run: (ctx) => [ctx.items],
  async listen(ctx) {
    const node = ctx.node.name;
    const { params } = ctx;
    const credential = nodeCredential(imapCredential, await ctx.credentials('imap'), node);
    let criteria: ReturnType<typeof searchCriteria>;
    try {
      criteria = searchCriteria(params.options.customEmailConfig ?? '["UNSEEN"]');
    } catch (error) {
      throw new NodeOperationError(node, `Node "${node}": ${(error as Error).message}`, {
        parameter: 'options.customEmailConfig',
        details: { code: 'IMAP_RULES_INVALID' },
      });
    }
    const fail = failureHandler({
      node,
      product: 'IMAP',
      prefix: 'IMAP',
      server: serverOf(credential),
      isAuthFailure,
      rejected: 'COMMAND_FAILED',
      rejectedAdvice: 'Check the mailbox name and the custom email rules.',
    });
    const client = imapClient(credential, params.options.allowUnauthorizedCerts);
    client.on('error', () => undefined);
    let uidValidity: bigint;
    try {
      await client.connect();
      uidValidity = (await client.mailboxOpen(params.mailbox)).uidValidity;
    } catch (error) {
      client.close();
      throw fail(error);
    }
    const memoryKey = JSON.stringify([
      ctx.workflowId,
      node,
      serverOf(credential),
      credential.user,
      params.mailbox,
      String(uidValidity),
    ]);
    return watchMailbox(ctx, client, {
      mailbox: params.mailbox,
      criteria,
      markAsRead: params.postProcessAction === 'read',
      trackLastMessageId: params.options.trackLastMessageId ?? true,
      forceReconnect: params.options.forceReconnect ?? 60,
      lastUid: { get: () => lastUids.get(memoryKey), set: (uid) => lastUids.set(memoryKey, uid) },
      format: params.format,
      downloadAttachments: params.format !== 'raw' && params.downloadAttachments,
      attachmentPrefix: params.dataPropertyAttachmentsPrefixName,
    });
  },
});
