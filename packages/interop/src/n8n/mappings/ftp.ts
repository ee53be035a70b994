import { sameShape } from '../mapping.ts';

/** n8n's FTP v1 (FTP or SFTP); List without a path lists `/` as n8n does. */
export default sameShape('ftp', 'guixu.ftp', 1, (node) => {
  const parameters = { ...node.parameters };
  if (parameters.operation === 'list' && parameters.path === undefined) parameters.path = '/';
  return { parameters };
});
