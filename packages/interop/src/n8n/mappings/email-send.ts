import { record, sameShape } from '../mapping.ts';

/**
 * Send Email v1 (`text`/`html` side by side, cc/bcc/attachments at the top) and
 * v2 (format default "text") become v2.1's shape; "Send and Wait" is not offered.
 */
export default sameShape('emailSend', 'guixu.emailSend', 2.1, (node) => {
  const parameters = { ...node.parameters };
  if (parameters.operation === 'sendAndWait') {
    return { parameters, unsupported: 'Send Email "Send and Wait for Response" is not supported' };
  }
  if (node.typeVersion < 2) {
    const { text, html, ccEmail, bccEmail, attachments, ...rest } = parameters;
    const options = { ...record(rest.options) };
    if (ccEmail) options.ccEmail = ccEmail;
    if (bccEmail) options.bccEmail = bccEmail;
    if (attachments) options.attachments = attachments;
    const emailFormat = html && text ? 'both' : html ? 'html' : 'text';
    return {
      parameters: {
        ...rest,
        emailFormat,
        ...(text !== undefined ? { text } : {}),
        ...(html !== undefined ? { html } : {}),
        options,
      },
    };
  }
  if (node.typeVersion < 2.1 && parameters.emailFormat === undefined) parameters.emailFormat = 'text';
  return { parameters };
});
