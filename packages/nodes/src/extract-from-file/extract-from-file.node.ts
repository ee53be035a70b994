/**
 * Extract from File, parameters as n8n Extract from File v1. Deviations: XLSX
 * values keep their types (dates as ISO text); ODS, XLS and RTF are not read
 * (exceljs reads XLSX only); "document" (text of a PDF, HTML, JSON, CSV, XLSX
 * or text file, chosen by its type) is GuixuFlow's, for Dify's document extractor.
 */
import { defineNode, type Item, type JsonObject, p } from '@guixu/core';
import { binaryProperty } from '../shared/binary-property.ts';
import { setField } from '../shared/field-paths.ts';
import { invalidFile, maxFileBytes, readLimited, tooLarge } from '../shared/file-limits.ts';
import { mapItemsAsync } from '../shared/item-errors.ts';
import { isZip, zipListing } from '../compression/zip-limits.ts';
import { documentContent } from './document.ts';
import { icsContent } from './ics.ts';
import { odsTable } from './ods.ts';
import { pdfContent } from './pdf.ts';
import { csvTable, htmlTable, toRows, xlsxTable } from './rows.ts';
import { decodeText } from './text.ts';

const ROW_OPERATIONS = ['csv', 'html', 'xlsx', 'ods'];
/** n8n's "move to" operations: an item without the file is skipped, not an error. */
const MOVE_OPERATIONS = ['text', 'fromJson', 'binaryToPropery'];
const TEXT_OPERATIONS = ['text', 'xml', 'fromJson', 'fromIcs', 'binaryToPropery', 'document'];
const show = (...operation: string[]) => ({ show: { '/operation': operation } });

export default defineNode({
  type: 'guixu.extractFromFile',
  version: 1,
  displayName: 'Extract from File',
  description: 'Turns a binary file (CSV, XLSX, HTML table, JSON, PDF, ICS, text) into JSON.',
  group: 'data',
  icon: 'file-text',
  defaultName: 'Extract from File',
  inputs: ['main'],
  outputs: ['main'],
  docs: [
    'CSV, XLSX and HTML tables become one item per row (the header row names the fields).',
    'PDF gives `{ numpages, numrender, info, metadata, text, version }` (scanned PDFs have no text). ICS gives the calendar and its `events`.',
    'JSON, text, XML and base64 put the file\'s content in "Destination Output Field" (an empty field name puts a JSON object in place of the item\'s JSON).',
    'Files over GUIXU_FILE_NODES_MAX_MB (default 256) are refused; an XLSX is checked for what it expands to before it is opened.',
  ].join('\n'),
  params: {
    operation: p.options({
      label: 'Operation',
      options: [
        { value: 'csv', label: 'Extract From CSV', description: 'Transform a CSV file into output items' },
        {
          value: 'html',
          label: 'Extract From HTML',
          description: 'Transform a table in an HTML file into output items',
        },
        {
          value: 'fromIcs',
          label: 'Extract From ICS',
          description: 'Transform a ICS file into output items',
        },
        {
          value: 'fromJson',
          label: 'Extract From JSON',
          description: 'Transform a JSON file into output items',
        },
        { value: 'ods', label: 'Extract From ODS', description: 'Transform an ODS file into output items' },
        { value: 'pdf', label: 'Extract From PDF', description: 'Extracts the content of a PDF file' },
        {
          value: 'text',
          label: 'Extract From Text File',
          description: 'Extracts the content of a text file',
        },
        { value: 'xml', label: 'Extract From XML', description: 'Extracts the content of an XML file' },
        {
          value: 'xlsx',
          label: 'Extract From XLSX',
          description: 'Transform an XLSX file into output items',
        },
        {
          value: 'binaryToPropery',
          label: 'Move File to Base64 String',
          description: 'Convert a file into a base64-encoded string',
        },
        {
          value: 'document',
          label: 'Extract Document Text',
          description: 'Text of a PDF, HTML, JSON, CSV, XLSX or text file, by its type',
        },
      ],
      default: 'csv',
    }),
    binaryPropertyName: p.string({
      label: 'Input Binary Field',
      description: 'The name of the input field containing the file data to be processed.',
      default: 'data',
      required: true,
    }),
    destinationKey: p.string({
      label: 'Destination Output Field',
      description: 'The name of the output field that will contain the extracted data.',
      default: 'data',
      displayOptions: show(...TEXT_OPERATIONS),
    }),
    options: p.collection({
      label: 'Options',
      fields: {
        delimiter: p.string({
          label: 'Delimiter',
          description: 'Set the field delimiter (detected when empty).',
          displayOptions: show('csv'),
        }),
        encoding: p.string({
          label: 'File Encoding',
          description: 'e.g. utf-8, utf-16le, gbk, latin1.',
          default: 'utf-8',
          displayOptions: show('csv', 'html', 'text', 'xml', 'fromJson', 'fromIcs', 'document'),
        }),
        fromLine: p.number({
          label: 'Starting Line',
          description: 'Start handling records from the requested line number (1 = the first).',
          default: 1,
          min: 1,
          integer: true,
          displayOptions: show('csv'),
        }),
        maxRowCount: p.number({
          label: 'Max Number of Rows to Load',
          description: '-1 for all rows.',
          default: -1,
          integer: true,
          displayOptions: show(...ROW_OPERATIONS),
        }),
        relaxQuotes: p.boolean({
          label: 'Relax Quotes',
          description: 'Whether to accept quotes inside unquoted fields.',
          default: false,
          displayOptions: show('csv'),
        }),
        headerRow: p.boolean({
          label: 'Header Row',
          description: 'Whether the first row of the file contains the field names.',
          default: true,
          displayOptions: show(...ROW_OPERATIONS),
        }),
        includeEmptyCells: p.boolean({
          label: 'Include Empty Cells',
          description: 'Whether empty cells become empty strings (else they are left out).',
          default: false,
          displayOptions: show(...ROW_OPERATIONS),
        }),
        range: p.string({
          label: 'Range',
          description: 'The range to read from the sheet, e.g. A1:C10.',
          displayOptions: show('xlsx'),
        }),
        readAsString: p.boolean({
          label: 'Read As String',
          description: 'Whether every cell value is text.',
          default: false,
          displayOptions: show('xlsx', 'ods'),
        }),
        sheetName: p.string({
          label: 'Sheet Name',
          description: 'Name of the sheet to read from (the first one when empty).',
          displayOptions: show('xlsx', 'ods'),
        }),
        stripBOM: p.boolean({
          label: 'Strip BOM',
          default: true,
          displayOptions: show('text', 'xml', 'fromJson', 'fromIcs'),
        }),
        joinPages: p.boolean({
          label: 'Join Pages',
          description: "Whether the pages' text is one string (else a list per page).",
          default: true,
          displayOptions: show('pdf'),
        }),
        maxPages: p.number({
          label: 'Max Pages',
          description: '0 for all pages.',
          default: 0,
          min: 0,
          integer: true,
          displayOptions: show('pdf'),
        }),
        password: p.string({
          label: 'Password',
          description: 'Password of an encrypted PDF.',
          password: true,
          displayOptions: show('pdf'),
        }),
        keepSource: p.options({
          label: 'Keep Source',
          description: 'What of the input item to keep on the output item.',
          options: [
            { value: 'json', label: 'JSON' },
            { value: 'binary', label: 'Binary' },
            { value: 'both', label: 'Both' },
          ],
          default: 'json',
          displayOptions: show(...TEXT_OPERATIONS, 'pdf'),
        }),
      },
    }),
  },
  async run(ctx) {
    const output = await mapItemsAsync(ctx, async (item, i): Promise<Item[]> => {
      const { operation, binaryPropertyName, destinationKey, options } = ctx.params(i);
      if (MOVE_OPERATIONS.includes(operation) && !item.binary?.[binaryPropertyName]) {
        // n8n skips an item without the file for these operations; say so in the run's log.
        ctx.log('warn', `Item ${i} has no binary file "${binaryPropertyName}": skipped`);
        return [];
      }
      const ref = binaryProperty(item, binaryPropertyName, i);
      const bytes = await readLimited(ctx, ref, i);
      const format = FORMAT_NAMES[operation] ?? operation;
      const text = () => decodeText(bytes, options.encoding, options.stripBOM !== false);
      let value: unknown;
      try {
        if (ROW_OPERATIONS.includes(operation)) {
          const table =
            operation === 'csv'
              ? csvTable(text(), options)
              : operation === 'html'
                ? htmlTable(text())
                : await readSpreadsheet(ctx, bytes, ref.fileName, options, i);
          return toRows(table, options).map((json) => ({ json, pairedItem: { item: i } }));
        }
        if (operation === 'pdf') value = await pdfContent(bytes, options);
        else if (operation === 'fromJson') value = JSON.parse(text());
        else if (operation === 'fromIcs') value = icsContent(text());
        else if (operation === 'binaryToPropery') value = Buffer.from(bytes).toString('base64');
        else if (operation === 'document') value = await documentContent(bytes, ref, options.encoding);
        else value = text();
      } catch (error) {
        throw invalidFile(format, ref, error, i);
      }
      // As in n8n: without "Keep Source" the output has only the extracted data.
      const keep = options.keepSource;
      const keepJson = (keep === 'json' || keep === 'both') && operation !== 'pdf';
      let json: JsonObject = keepJson ? structuredClone(item.json) : {};
      if (operation === 'pdf') json = value as JsonObject;
      else if (!destinationKey.trim()) {
        json =
          value !== null && typeof value === 'object' && !Array.isArray(value)
            ? { ...json, ...(value as JsonObject) }
            : { ...json, data: value as JsonObject[string] };
      } else setField(json, destinationKey, value as JsonObject[string]);
      // The file read is dropped unless kept; other binary files of the item stay (as in n8n).
      const { [binaryPropertyName]: _read, ...otherFiles } = item.binary ?? {};
      const binary = keep === 'binary' || keep === 'both' ? item.binary : otherFiles;
      return [
        { json, ...(binary && Object.keys(binary).length > 0 ? { binary } : {}), pairedItem: { item: i } },
      ];
    });
    return [output];
  },
});

const FORMAT_NAMES: Record<string, string> = {
  csv: 'CSV',
  html: 'an HTML table',
  fromIcs: 'iCalendar (ICS)',
  fromJson: 'JSON',
  pdf: 'a PDF',
  xlsx: 'XLSX',
  ods: 'ODS',
  text: 'text',
  xml: 'text',
  binaryToPropery: 'binary',
  document: 'a document',
};

/**
 * XLSX (exceljs) or ODS, told apart by their contents, after checking what the
 * zip expands to; a text file is parsed as CSV or an HTML table (as n8n's SheetJS does).
 */
async function readSpreadsheet(
  ctx: Parameters<typeof maxFileBytes>[0],
  bytes: Uint8Array,
  fileName: string | undefined,
  options: Parameters<typeof xlsxTable>[1],
  itemIndex: number,
) {
  if (!isZip(bytes)) {
    const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096));
    if (/\0/.test(head) || head.length === 0) throw new Error('not a spreadsheet (zip) file');
    return /<table[\s>]/i.test(head)
      ? htmlTable(new TextDecoder().decode(bytes))
      : csvTable(new TextDecoder().decode(bytes), options);
  }
  const limit = maxFileBytes(ctx);
  const listing = zipListing(bytes);
  if (listing.expandedBytes > limit * 4) {
    throw tooLarge(
      `"${fileName ?? 'The workbook'}" expands to ${listing.expandedBytes} bytes, which`,
      limit * 4,
      'binaryPropertyName',
      itemIndex,
    );
  }
  if (listing.names.includes('content.xml') && !listing.names.includes('[Content_Types].xml')) {
    return odsTable(bytes, options);
  }
  return xlsxTable(bytes, options);
}
