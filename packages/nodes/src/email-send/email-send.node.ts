/**
 * Send Email, parameters as n8n's Send Email v2.1 (operation Send). Deviations:
 * "Append Attribution" is off by default and names nothing; "Send and Wait for
 * Response" is not offered.
 */
import { defineNode, type JsonObject, p } from '@guixu/core';
import type { Attachment } from 'nodemailer/lib/mailer';
import { binaryProperty } from '../shared/binary-property.ts';
import { failureHandler } from '../shared/connection-errors.ts';
import { nodeCredential } from '../shared/credential-error.ts';
import { mapItemsAsync } from '../shared/item-errors.ts';
import smtpCredential from './smtp.credentials.ts';
import { isAuthFailure, openTransport, serverOf } from './smtp-transport.ts';

const format = (...emailFormat: string[]) => ({ show: { emailFormat } });

/** Comma-separated names (binary properties, addresses) without blanks. */
function names(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

function address(entry: string | { address: string }): string {
  return typeof entry === 'string' ? entry : entry.address;
}

export default defineNode({
  type: 'guixu.emailSend',
  version: 1,
  displayName: 'Send Email',
  description:
    'Sends an email through an SMTP server: text, HTML or both, with attachments from binary data.',
  group: 'action',
  icon: 'mail',
  defaultName: 'Send Email',
  inputs: ['main'],
  outputs: ['main'],
  credentials: [{ name: 'smtp', required: true }],
  docs: [
    'Each input item sends one email. Addresses are comma-separated ("Ann <ann@example.com>, bob@example.com").',
    'Attachments name binary properties of the item, comma-separated; each is attached with its file name,',
    'and can be referenced from the HTML as `cid:<property name>`. The output item is what the server',
    'answered: accepted and rejected recipients, the message id and the response line. A wrong password,',
    'an unreachable server or a refused recipient is a node error naming the server.',
  ].join('\n'),
  params: {
    operation: p.options({
      label: 'Operation',
      options: [{ value: 'send', label: 'Send', description: 'Send an email' }],
      default: 'send',
    }),
    fromEmail: p.string({
      label: 'From Email',
      description: 'Email address of the sender. You can also specify a name: Nathan Doe <nate@n8n.io>.',
      placeholder: 'admin@example.com',
      required: true,
    }),
    toEmail: p.string({
      label: 'To Email',
      description:
        'Email address of the recipient. You can also specify a name: Nathan Doe <nate@n8n.io>. Separate several with commas.',
      placeholder: 'info@example.com',
      required: true,
    }),
    subject: p.string({ label: 'Subject', placeholder: 'My subject line' }),
    emailFormat: p.options({
      label: 'Email Format',
      options: [
        { value: 'text', label: 'Text', description: 'Send email as plain text' },
        { value: 'html', label: 'HTML', description: 'Send email as HTML' },
        {
          value: 'both',
          label: 'Both',
          description: "Send both formats, recipient's client selects version to display",
        },
      ],
      default: 'html',
    }),
    text: p.string({ label: 'Text', rows: 5, displayOptions: format('text', 'both') }),
    html: p.string({ label: 'HTML', rows: 5, displayOptions: format('html', 'both') }),
    options: p.collection({
      label: 'Options',
      fields: {
        appendAttribution: p.boolean({
          label: 'Append Attribution',
          description: 'Whether to add a line saying the email was sent automatically by a workflow',
          default: false,
        }),
        attachments: p.string({
          label: 'Attachments',
          description:
            'Names of the binary properties to attach, comma-separated. Reference one in the HTML as <img src="cid:name">.',
          placeholder: 'data, data2',
        }),
        ccEmail: p.string({ label: 'CC Email', description: 'Email address of CC recipient' }),
        bccEmail: p.string({ label: 'BCC Email', description: 'Email address of BCC recipient' }),
        allowUnauthorizedCerts: p.boolean({
          label: 'Ignore SSL Issues (Insecure)',
          description: 'Whether to connect even if SSL certificate validation is not possible',
          default: false,
        }),
        replyTo: p.string({ label: 'Reply To', description: 'The email address to send the reply to' }),
      },
    }),
  },
  async run(ctx) {
    const node = ctx.node.name;
    const credential = nodeCredential(smtpCredential, await ctx.credentials('smtp'), node);
    const fail = failureHandler({
      node,
      product: 'SMTP',
      prefix: 'SMTP',
      server: serverOf(credential),
      isAuthFailure,
      rejected: 'COMMAND_FAILED',
      rejectedAdvice:
        'Check the sender and recipient addresses and what the server allows this user to send.',
      details: (error) => {
        const { responseCode, command } = error as { responseCode?: unknown; command?: unknown };
        return {
          ...(typeof responseCode === 'number' ? { responseCode } : {}),
          ...(typeof command === 'string' ? { command } : {}),
        };
      },
    });
    const allowUnauthorizedCerts = ctx.params(0).options.allowUnauthorizedCerts;
    const transport = openTransport(
      credential,
      allowUnauthorizedCerts === undefined ? {} : { allowUnauthorizedCerts },
    );
    try {
      const items = await mapItemsAsync(ctx, async (item, itemIndex) => {
        const params = ctx.params(itemIndex);
        const { options } = params;
        const attachments: Attachment[] = [];
        for (const property of names(options.attachments)) {
          const ref = binaryProperty(item, property, itemIndex, 'options.attachments');
          attachments.push({
            filename: ref.fileName ?? property,
            content: Buffer.from(await ctx.services.binary.get(ref)),
            contentType: ref.mimeType,
            cid: property,
          });
        }
        const attribution = options.appendAttribution
          ? 'This email was sent automatically by a workflow.'
          : '';
        const text = params.emailFormat === 'html' ? undefined : params.text;
        const html = params.emailFormat === 'text' ? undefined : params.html;
        try {
          const info = await transport.sendMail({
            from: params.fromEmail,
            to: params.toEmail,
            ...(options.ccEmail ? { cc: options.ccEmail } : {}),
            ...(options.bccEmail ? { bcc: options.bccEmail } : {}),
            ...(options.replyTo ? { replyTo: options.replyTo } : {}),
            subject: params.subject,
            ...(text !== undefined ? { text: attribution ? `${text}\n\n---\n${attribution}` : text } : {}),
            ...(html !== undefined
              ? { html: attribution ? `${html}<br><br><em>${attribution}</em>` : html }
              : {}),
            attachments,
          });
          const json: JsonObject = {
            accepted: info.accepted.map(address),
            rejected: info.rejected.map(address),
            envelope: { from: info.envelope.from || '', to: info.envelope.to },
            messageId: info.messageId,
            response: info.response,
          };
          return { json, pairedItem: { item: itemIndex } };
        } catch (error) {
          throw fail(error, itemIndex);
        }
      });
      return [items];
    } finally {
      transport.close();
    }
  },
});
