import { sameShape } from '../mapping.ts';

/** n8n's SSH v1; a File resource without an operation uses n8n's default for it (Upload). */
export default sameShape('ssh', 'guixu.ssh', 1, (node) => {
  const parameters = { ...node.parameters };
  if (parameters.resource === 'file' && parameters.operation === undefined) parameters.operation = 'upload';
  return { parameters };
});
