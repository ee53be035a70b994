import { sameShape } from '../mapping.ts';

const UNWRITTEN: Record<string, string> = { ods: 'ODS', xls: 'XLS (Excel 97–2003)', rtf: 'RTF' };

/** n8n's Convert to File v1 and v1.1: the same parameters; ODS, XLS and RTF are not written. */
export default sameShape('convertToFile', 'guixu.convertToFile', 1.1, (node) => {
  const operation = typeof node.parameters.operation === 'string' ? node.parameters.operation : 'csv';
  const format = UNWRITTEN[operation];
  if (format) {
    return {
      parameters: node.parameters,
      unsupported: `Convert to File does not write ${format} files yet: use XLSX or CSV`,
    };
  }
  return { parameters: node.parameters };
});
