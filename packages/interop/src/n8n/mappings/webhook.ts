import { sameShape } from '../mapping.ts';

/**
 * Webhook v1–v2 share their parameters. With "multiple methods" n8n has one output
 * per method; GuixuFlow's Webhook has a single output, so every method's branch is
 * connected to it (reported, since those branches now see every request).
 */
export default sameShape('webhook', 'guixu.webhook', 2, (node, ctx) => {
  const parameters = { ...node.parameters };
  if (parameters.multipleMethods !== true) return { parameters };
  parameters.httpMethod ??= ['GET', 'POST'];
  ctx.warn(
    "The webhook answered several HTTP methods on separate outputs; GuixuFlow's Webhook has one output, so all branches now receive every request. Route on the request method if the branches must differ.",
  );
  return { parameters, outputs: () => [0] };
});
