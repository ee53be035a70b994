/**
 * Convert to File, parameters as n8n Convert to File v1.1. Deviations: ODS, XLS
 * and RTF are not written (exceljs writes XLSX). As in n8n, nested fields become
 * dot-named columns (`names.0`) and the HTML page is the one SheetJS writes.
 */
import { defineNode, GuixuError, type Item, p } from '@guixu/core';
import { z } from 'zod';
import { storeBinary } from '../shared/binary-property.ts';
import { getField } from '../shared/field-paths.ts';
import { mapItemsAsync } from '../shared/item-errors.ts';
import { maxFileBytes, tooLarge } from '../shared/file-limits.ts';
import { sniffMimeType } from './sniff.ts';
import { toIcs } from './ics.ts';
import { toCsv, toHtmlTable, toXlsx } from './tables.ts';
import { encodeText } from './encode.ts';

const show = (...operation: string[]) => ({ show: { '/operation': operation } });
const TABLE_OPERATIONS = ['csv', 'html', 'xlsx'];
const person = z.object({ name: z.string().optional(), email: z.string().optional() }).partial();

export default defineNode({
  type: 'guixu.convertToFile',
  version: 1,
  displayName: 'Convert to File',
  description: 'Turns items into a binary file: CSV, XLSX, HTML table, JSON, text, ICS or base64.',
  group: 'data',
  icon: 'file-output',
  defaultName: 'Convert to File',
  inputs: ['main'],
  outputs: ['main'],
  docs: [
    'CSV, XLSX and HTML: all items become one table (one row per item, a column per field; nested fields as dot-named columns such as `names.0`) in one file.',
    'JSON: all items as one array ("All Items to One File") or one file per item. Text: a field\'s text as a file.',
    'Base64: a field holding base64 (e.g. an image from an API) becomes the file. ICS: one calendar event per item.',
    'The file is in the output item\'s binary field "Put Output File in Field" (default `data`).',
  ].join('\n'),
  params: {
    operation: p.options({
      label: 'Operation',
      options: [
        { value: 'csv', label: 'Convert to CSV', description: 'Transform input data into a CSV file' },
        {
          value: 'html',
          label: 'Convert to HTML',
          description: 'Transform input data into a table in an HTML file',
        },
        {
          value: 'iCal',
          label: 'Convert to ICS',
          description: 'Converts each input item to an ICS event file',
        },
        {
          value: 'toJson',
          label: 'Convert to JSON',
          description: 'Transform input data into a single or multiple JSON files',
        },
        {
          value: 'toText',
          label: 'Convert to Text File',
          description: 'Converts data from a field to a text file',
        },
        { value: 'xlsx', label: 'Convert to XLSX', description: 'Transform input data into an Excel file' },
        {
          value: 'toBinary',
          label: 'Move Base64 String to File',
          description: 'Convert a base64-encoded string into its original file format',
        },
      ],
      default: 'csv',
    }),
    mode: p.options({
      label: 'Mode',
      options: [
        { value: 'once', label: 'All Items to One File' },
        { value: 'each', label: 'Each Item to Separate File' },
      ],
      default: 'once',
      displayOptions: show('toJson'),
    }),
    sourceProperty: p.string({
      label: 'Text Input Field',
      description:
        'The name of the input field that contains the text (or base64) to put in the file (dot notation allowed).',
      default: 'data',
      required: true,
      displayOptions: show('toText', 'toBinary'),
    }),
    title: p.string({ label: 'Event Title', displayOptions: show('iCal') }),
    start: p.dateTime({
      label: 'Start',
      description: 'Date and time at which the event begins.',
      required: true,
      displayOptions: show('iCal'),
    }),
    end: p.dateTime({
      label: 'End',
      description: 'Date and time at which the event ends.',
      required: true,
      displayOptions: show('iCal'),
    }),
    allDay: p.boolean({
      label: 'All Day',
      description: 'Whether the event lasts all day or not.',
      default: false,
      displayOptions: show('iCal'),
    }),
    binaryPropertyName: p.string({
      label: 'Put Output File in Field',
      description: 'The name of the output binary field to put the file in.',
      default: 'data',
      required: true,
    }),
    additionalFields: p.collection({
      label: 'Additional Fields',
      displayOptions: show('iCal'),
      fields: {
        calName: p.string({ label: 'Calendar Name' }),
        description: p.string({ label: 'Description' }),
        location: p.string({ label: 'Location' }),
        url: p.string({ label: 'URL' }),
        uid: p.string({ label: 'UID', description: 'A unique id of the event (a random one when empty).' }),
        status: p.options({
          label: 'Status',
          options: [
            { value: 'CONFIRMED', label: 'Confirmed' },
            { value: 'TENTATIVE', label: 'Tentative' },
            { value: 'CANCELLED', label: 'Cancelled' },
          ],
          default: 'CONFIRMED',
        }),
        sequence: p.number({ label: 'Sequence', integer: true, min: 0, default: 0 }),
        recurrenceRule: p.string({ label: 'Recurrence Rule', placeholder: 'FREQ=WEEKLY;COUNT=4' }),
        organizer: p.custom({
          kind: 'json',
          label: 'Organizer',
          description: '{ "name": "…", "email": "…" }',
          default: {},
          schema: person,
        }),
        attendees: p.custom({
          kind: 'json',
          label: 'Attendees',
          description: '[{ "name": "…", "email": "…" }]',
          default: [],
          schema: z.array(person),
        }),
      },
    }),
    options: p.collection({
      label: 'Options',
      fields: {
        fileName: p.string({ label: 'File Name', description: 'Name of the output file.' }),
        mimeType: p.string({
          label: 'MIME Type',
          description: 'The MIME type of the output file (from the name or the content when empty).',
          displayOptions: show('toBinary', 'toText', 'toJson'),
        }),
        headerRow: p.boolean({
          label: 'Header Row',
          description: 'Whether the first row of the file contains the header names.',
          default: true,
          displayOptions: show(...TABLE_OPERATIONS),
        }),
        delimiter: p.string({
          label: 'Delimiter',
          description: 'The field delimiter.',
          default: ',',
          displayOptions: show('csv'),
        }),
        sheetName: p.string({
          label: 'Sheet Name',
          description: 'Name of the sheet (or the HTML title).',
          default: 'Sheet',
          displayOptions: show('xlsx', 'html'),
        }),
        format: p.boolean({
          label: 'Format',
          description: 'Whether the JSON is pretty-printed.',
          default: false,
          displayOptions: show('toJson'),
        }),
        encoding: p.options({
          label: 'Encoding',
          options: ['utf8', 'utf16le', 'latin1', 'ascii', 'base64', 'hex'].map((value) => ({
            value,
            label: value,
          })),
          default: 'utf8',
          displayOptions: show('toJson', 'toText'),
        }),
        addBOM: p.boolean({
          label: 'Add Byte Order Mark (BOM)',
          default: false,
          displayOptions: show('toJson', 'toText', 'csv'),
        }),
        dataIsBase64: p.boolean({
          label: 'Data Is Base64',
          description: 'Whether the field holds base64 (else its text is the file).',
          default: true,
          displayOptions: show('toBinary'),
        }),
      },
    }),
  },
  async run(ctx) {
    const items = ctx.items;
    if (items.length === 0) return [[]];
    const first = ctx.params(0);
    const limit = maxFileBytes(ctx);
    const file = async (i: number, bytes: Uint8Array, fileName: string, mimeType?: string): Promise<Item> => {
      if (bytes.byteLength > limit) throw tooLarge(`The file "${fileName}"`, limit, 'operation', i);
      const ref = await storeBinary(ctx, bytes, { fileName, ...(mimeType ? { mimeType } : {}) });
      return {
        json: {},
        binary: { [ctx.params(i).binaryPropertyName || 'data']: ref },
        pairedItem: { item: i },
      };
    };
    const op = first.operation;
    if (TABLE_OPERATIONS.includes(op) || (op === 'toJson' && first.mode === 'once')) {
      const rows = items.map((item) => item.json);
      const { options } = first;
      const fileName = options.fileName || `file.${op === 'toJson' ? 'json' : op}`;
      let bytes: Uint8Array;
      if (op === 'csv') bytes = encodeText(toCsv(rows, options), 'utf8', options.addBOM === true);
      else if (op === 'html') bytes = encodeText(toHtmlTable(rows, options), 'utf8', false);
      else if (op === 'xlsx') bytes = await toXlsx(rows, options);
      else
        bytes = encodeText(
          JSON.stringify(rows, null, options.format ? 2 : undefined),
          options.encoding ?? 'utf8',
          options.addBOM === true,
        );
      const out = await file(
        0,
        bytes,
        fileName,
        op === 'toJson' ? options.mimeType || 'application/json' : undefined,
      );
      out.pairedItem = items.map((_, item) => ({ item }));
      return [[out]];
    }
    const output = await mapItemsAsync(ctx, async (item, i) => {
      const params = ctx.params(i);
      const { options } = params;
      if (params.operation === 'toJson') {
        const bytes = encodeText(
          JSON.stringify(item.json, null, options.format ? 2 : undefined),
          options.encoding ?? 'utf8',
          options.addBOM === true,
        );
        return file(i, bytes, options.fileName || 'file.json', options.mimeType || 'application/json');
      }
      if (params.operation === 'iCal') {
        const { additionalFields: extra } = params;
        let text: string;
        try {
          text = toIcs({
            ...extra,
            title: params.title,
            start: params.start,
            end: params.end,
            allDay: params.allDay,
          });
        } catch (error) {
          throw new GuixuError(
            'CONVERT_ICS_INVALID',
            `${error instanceof Error ? error.message : String(error)} [item ${i}]`,
            {
              parameter: 'start',
              details: { itemIndex: i },
            },
          );
        }
        return file(i, encodeText(text, 'utf8', false), options.fileName || 'event.ics', 'text/calendar');
      }
      const value = getField(item.json, params.sourceProperty);
      if (value === undefined) {
        throw new GuixuError(
          'CONVERT_FIELD_MISSING',
          `The item has no field "${params.sourceProperty}" [item ${i}]`,
          {
            parameter: 'sourceProperty',
            details: { itemIndex: i },
          },
        );
      }
      const text = typeof value === 'string' ? value : JSON.stringify(value);
      if (params.operation === 'toText') {
        return file(
          i,
          encodeText(text, options.encoding ?? 'utf8', options.addBOM === true),
          options.fileName || 'file.txt',
          options.mimeType || undefined,
        );
      }
      const bytes = options.dataIsBase64 === false ? new TextEncoder().encode(text) : base64Bytes(text, i);
      const mimeType = options.mimeType || (options.fileName ? undefined : sniffMimeType(bytes));
      return file(i, bytes, options.fileName || '', mimeType);
    });
    return [output];
  },
});

function base64Bytes(text: string, itemIndex: number): Uint8Array {
  const data = text.replace(/^data:[^,]*;base64,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(data)) {
    throw new GuixuError('CONVERT_BASE64_INVALID', `The field is not base64 text [item ${itemIndex}]`, {
      parameter: 'sourceProperty',
      details: { itemIndex },
      description: 'Turn off "Data Is Base64" to write the text itself.',
    });
  }
  return new Uint8Array(Buffer.from(data, 'base64'));
}
