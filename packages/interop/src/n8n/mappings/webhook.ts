import { sameShape } from '../mapping.ts';

/**
 * Webhook v1–v2 share their parameters. With "multiple methods" n8n has one output
 * per method, in the order of `httpMethod` (default GET, POST); GuixuFlow's Webhook
 * does the same, so the outputs map one to one.
 */
export default sameShape('webhook', 'guixu.webhook', 2, (node) => {
  const parameters = { ...node.parameters };
  if (parameters.multipleMethods !== true) return { parameters };
  const methods = parameters.httpMethod ?? ['GET', 'POST'];
  parameters.httpMethod = Array.isArray(methods) ? methods : [methods];
  return { parameters };
});
