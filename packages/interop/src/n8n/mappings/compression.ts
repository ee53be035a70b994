import { sameShape } from '../mapping.ts';

/** n8n's Compression v1 and v1.1; gzip output files are named `data0`, `data1`… unless a prefix is set, as in n8n. */
export default sameShape('compression', 'guixu.compression', 1.1, (node) => {
  const parameters = { ...node.parameters };
  if (parameters.operation === 'compress' && parameters.outputFormat === 'gzip')
    parameters.outputPrefix ??= 'data';
  return { parameters };
});
