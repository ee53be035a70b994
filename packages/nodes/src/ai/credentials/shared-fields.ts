import { p } from '@guixu/core';

/** Extra HTTP headers sent with every model call (gateways, org ids, tracing). */
export const customHeadersField = p.json({
  label: 'Custom Headers',
  description: 'A JSON object of header names to values, e.g. {"X-Gateway-Team": "ops"}.',
});
