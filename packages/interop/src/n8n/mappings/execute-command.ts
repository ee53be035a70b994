import { sameShape } from '../mapping.ts';

/**
 * n8n's Execute Command v1 (command, executeOnce) maps as is. The node runs only
 * where the instance sets GUIXU_ALLOW_EXECUTE_COMMAND=true, so the import says so.
 */
export default sameShape('executeCommand', 'guixu.executeCommand', 1, (node, ctx) => {
  ctx.warn(
    'Execute Command runs shell commands on the server: it is disabled unless the instance sets GUIXU_ALLOW_EXECUTE_COMMAND=true.',
  );
  return { parameters: { ...node.parameters } };
});
