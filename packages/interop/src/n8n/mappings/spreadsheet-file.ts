import { type N8nMapping, record } from '../mapping.ts';

/**
 * n8n's Spreadsheet File v1 and v2, which Extract from File and Convert to File
 * replaced: "Read From File" reads XLSX, or CSV and HTML tables when that is what
 * the file holds (as SheetJS did), and ODS; "Write to File" writes CSV, XLSX or HTML.
 */
const READ: Record<string, string> = {
  csv: 'csv',
  html: 'html',
  xlsx: 'xlsx',
  ods: 'ods',
  autodetect: 'xlsx',
};
const WRITE: Record<string, string> = { csv: 'csv', html: 'html', xlsx: 'xlsx' };

const mapping: N8nMapping = {
  n8nTypes: ['n8n-nodes-base.spreadsheetFile'],
  guixuType: 'guixu.extractFromFile',
  translate: (node) => {
    const p = node.parameters;
    const options = record(p.options);
    const binaryPropertyName = typeof p.binaryPropertyName === 'string' ? p.binaryPropertyName : 'data';
    const format = typeof p.fileFormat === 'string' ? p.fileFormat : undefined;
    if (p.operation === 'toFile') {
      const operation = WRITE[format ?? 'xlsx'];
      if (!operation) {
        return {
          parameters: p,
          unsupported: `Spreadsheet File cannot write ${format} files on GuixuFlow: use XLSX or CSV`,
        };
      }
      const { fileName, headerRow, sheetName } = options;
      return {
        type: 'guixu.convertToFile',
        parameters: {
          operation,
          binaryPropertyName,
          options: {
            ...(fileName === undefined ? {} : { fileName }),
            ...(headerRow === undefined ? {} : { headerRow }),
            ...(sheetName === undefined ? {} : { sheetName }),
          },
        },
      };
    }
    // v1 read every format SheetJS knew from the bytes; v2 defaults to CSV.
    const operation = READ[format ?? (node.typeVersion >= 2 ? 'csv' : 'autodetect')];
    if (!operation) {
      return {
        parameters: p,
        unsupported: `Spreadsheet File cannot read ${format} files on GuixuFlow: save them as XLSX or CSV`,
      };
    }
    const {
      headerRow,
      includeEmptyCells,
      range,
      readAsString,
      sheetName,
      delimiter,
      fromLine,
      maxRowCount,
      encoding,
    } = options;
    const kept = {
      headerRow,
      includeEmptyCells,
      range,
      readAsString,
      sheetName,
      delimiter,
      fromLine,
      maxRowCount,
      encoding,
    };
    return {
      parameters: {
        operation,
        binaryPropertyName,
        options: Object.fromEntries(Object.entries(kept).filter(([, value]) => value !== undefined)),
      },
    };
  },
};
export default mapping;
