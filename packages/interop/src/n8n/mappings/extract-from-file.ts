import { sameShape } from '../mapping.ts';

/** Formats GuixuFlow does not read: the node imports as a placeholder keeping its settings. */
const UNREAD: Record<string, string> = {
  xls: 'XLS (Excel 97–2003)',
  rtf: 'RTF',
};

/** n8n's Extract from File v1: the same parameters; XLS and RTF are not read. */
export default sameShape('extractFromFile', 'guixu.extractFromFile', 1, (node) => {
  const operation = typeof node.parameters.operation === 'string' ? node.parameters.operation : 'csv';
  const format = UNREAD[operation];
  if (format) {
    return {
      parameters: node.parameters,
      unsupported: `Extract from File does not read ${format} files yet: save the file as XLSX or CSV`,
    };
  }
  return { parameters: node.parameters };
});
