import { Workbook } from '../shared/excel-workbook.ts';
import { zipSync } from 'fflate';
import { type JsonObject, MemoryBinaryStore } from '@guixu/core';
import { describe, expect, it } from 'vitest';
import { tinyPdf } from '../ai/testing/tiny-pdf.ts';
import convertToFile from '../convert-to-file/convert-to-file.node.ts';
import { runChain } from '../shared/testing/run-chain.ts';
import extractFromFile from './extract-from-file.node.ts';

const rows: JsonObject[] = [
  { name: 'Ada', age: 36, tags: ['x'] },
  { name: 'Lin', city: '上海' },
];

async function extractFrom(
  bytes: Uint8Array,
  meta: { fileName: string; mimeType: string },
  parameters: Record<string, unknown>,
  services = {},
) {
  const binary = new MemoryBinaryStore();
  const ref = await binary.put(bytes, meta);
  return runChain({
    binary,
    services,
    inputItems: [{ json: { keep: 1 }, binary: { data: { ...ref, fileName: meta.fileName } } }],
    steps: [{ definition: extractFromFile, parameters, name: 'Extract' }],
  });
}

describe('Convert to File → Extract from File through the engine', () => {
  for (const operation of ['csv', 'xlsx', 'html'] as const) {
    it(`round-trips items through ${operation}`, async () => {
      const result = await runChain({
        items: rows,
        steps: [
          { definition: convertToFile, parameters: { operation }, name: 'Convert' },
          { definition: extractFromFile, parameters: { operation }, name: 'Extract' },
        ],
      });
      expect(result.status).toBe('success');
      const converted = result.runData.Convert?.[0]?.data?.main[0] ?? [];
      expect(converted).toHaveLength(1);
      expect(converted[0].binary?.data.fileName).toBe(`file.${operation}`);
      const age = operation === 'xlsx' ? 36 : '36';
      expect(result.output).toEqual([
        { name: 'Ada', age, 'tags.0': 'x' },
        { name: 'Lin', city: '上海' },
      ]);
    });
  }

  it("writes the HTML page SheetJS writes, nested fields flattened (as n8n's own test workflow expects)", async () => {
    const result = await runChain({
      items: [{ names: ['test1', 'test12'] }, { names: ['test2', 'test22'], n: 3 }],
      steps: [{ definition: convertToFile, parameters: { operation: 'html' } }],
    });
    const ref = result.items[0].binary?.data;
    expect(ref && new TextDecoder().decode(await result.binary.get(ref))).toBe(
      '<html><head><meta charset="utf-8"/><title>SheetJS Table Export</title></head><body><table>' +
        '<tr><td data-t="s" data-v="names.0" id="sjs-A1">names.0</td><td data-t="s" data-v="names.1" id="sjs-B1">names.1</td><td data-t="s" data-v="n" id="sjs-C1">n</td></tr>' +
        '<tr><td data-t="s" data-v="test1" id="sjs-A2">test1</td><td data-t="s" data-v="test12" id="sjs-B2">test12</td><td id="sjs-C2"></td></tr>' +
        '<tr><td data-t="s" data-v="test2" id="sjs-A3">test2</td><td data-t="s" data-v="test22" id="sjs-B3">test22</td><td data-t="n" data-v="3" id="sjs-C3">3</td></tr>' +
        '</table></body></html>',
    );
  });

  it('JSON: all items to one file and back; each item to its own file', async () => {
    const once = await runChain({
      items: rows,
      steps: [
        { definition: convertToFile, parameters: { operation: 'toJson' } },
        { definition: extractFromFile, parameters: { operation: 'fromJson' } },
      ],
    });
    expect(once.output).toEqual([{ data: rows }]);
    const each = await runChain({
      items: rows,
      steps: [
        {
          definition: convertToFile,
          parameters: { operation: 'toJson', mode: 'each', options: { format: true } },
        },
        { definition: extractFromFile, parameters: { operation: 'fromJson', destinationKey: '' } },
      ],
    });
    expect(each.output).toEqual(rows);
  });

  it('text and base64 both ways, with an encoding', async () => {
    const result = await runChain({
      items: [{ note: '你好 world' }],
      steps: [
        {
          definition: convertToFile,
          parameters: { operation: 'toText', sourceProperty: 'note', options: { fileName: 'n.txt' } },
        },
        { definition: extractFromFile, parameters: { operation: 'binaryToPropery', destinationKey: 'b64' } },
        {
          definition: convertToFile,
          parameters: { operation: 'toBinary', sourceProperty: 'b64', binaryPropertyName: 'file' },
        },
        {
          definition: extractFromFile,
          parameters: { operation: 'text', binaryPropertyName: 'file', destinationKey: 'back' },
        },
      ],
    });
    expect(result.status).toBe('success');
    expect(result.output).toEqual([{ back: '你好 world' }]);
    const gbk = await extractFrom(
      new Uint8Array([0xc4, 0xe3, 0xba, 0xc3]),
      { fileName: 'g.txt', mimeType: 'text/plain' },
      { operation: 'text', options: { encoding: 'gbk', keepSource: 'both' } },
    );
    expect(gbk.output).toEqual([{ keep: 1, data: '你好' }]);
    expect(gbk.items[0].binary?.data).toBeDefined();
  });

  it('ICS: an event per item, read back as events', async () => {
    const result = await runChain({
      items: [{ t: 'Standup', s: '2026-01-05T09:00:00Z' }],
      steps: [
        {
          definition: convertToFile,
          parameters: {
            operation: 'iCal',
            title: '={{ $json.t }}',
            start: '={{ $json.s }}',
            end: '2026-01-05T09:15:00Z',
            additionalFields: {
              location: 'Room 1',
              uid: 'e1',
              attendees: [{ name: 'Ada', email: 'ada@example.com' }],
            },
          },
        },
        { definition: extractFromFile, parameters: { operation: 'fromIcs' } },
      ],
    });
    expect(result.status).toBe('success');
    const calendar = result.output[0].data as { events: Record<string, unknown>[] };
    expect(calendar.events[0]).toMatchObject({
      uid: 'e1',
      summary: 'Standup',
      location: 'Room 1',
      start: '2026-01-05T09:00:00.000Z',
      end: '2026-01-05T09:15:00.000Z',
      allDay: false,
      attendees: ['mailto:ada@example.com'],
    });
  });
});

describe('Extract from File: formats and options', () => {
  it('reads PDF text as n8n shapes it', async () => {
    const result = await extractFrom(
      tinyPdf(['Hello PDF', 'Second line']),
      { fileName: 'a.pdf', mimeType: 'application/pdf' },
      { operation: 'pdf' },
    );
    expect(result.status).toBe('success');
    expect(result.output[0]).toMatchObject({ numpages: 1, numrender: 1 });
    expect(String(result.output[0].text)).toContain('Hello PDF');
  });

  it('CSV options: delimiter, no header row, starting line, max rows, empty cells', async () => {
    const csv = new TextEncoder().encode('skip me\na;b\n1;\n3;4\n5;6\n');
    const meta = { fileName: 'x.csv', mimeType: 'text/csv' };
    const headed = await extractFrom(csv, meta, {
      operation: 'csv',
      options: { delimiter: ';', fromLine: 2, maxRowCount: 2 },
    });
    expect(headed.output).toEqual([{ a: '1' }, { a: '3', b: '4' }]);
    const empty = await extractFrom(csv, meta, {
      operation: 'csv',
      options: { delimiter: ';', fromLine: 2, maxRowCount: 1, includeEmptyCells: true },
    });
    expect(empty.output).toEqual([{ a: '1', b: '' }]);
    const raw = await extractFrom(csv, meta, {
      operation: 'csv',
      options: { delimiter: ';', fromLine: 4, headerRow: false },
    });
    expect(raw.output).toEqual([{ row: ['3', '4'] }, { row: ['5', '6'] }]);
  });

  it('XLSX: a named sheet, a range, formulas and dates', async () => {
    const workbook = new Workbook();
    workbook.addWorksheet('First').addRow(['ignored']);
    const sheet = workbook.addWorksheet('Data');
    sheet.addRow(['n', 'double', 'when', 'extra']);
    sheet.addRow([2, { formula: 'A2*2', result: 4 }, new Date('2026-03-01T00:00:00Z'), 'x']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const result = await extractFrom(
      bytes,
      { fileName: 'w.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
      {
        operation: 'xlsx',
        options: { sheetName: 'Data', range: 'A1:C2' },
      },
    );
    expect(result.output).toEqual([{ n: 2, double: 4, when: '2026-03-01T00:00:00.000Z' }]);
    const missing = await extractFrom(
      bytes,
      { fileName: 'w.xlsx', mimeType: 'application/octet-stream' },
      { operation: 'xlsx', options: { sheetName: 'Nope' } },
    );
    expect(missing.error?.message).toContain('no sheet "Nope" (sheets: First, Data)');
  });

  it('ODS: typed cells, repeated cells, the trailing empty rows LibreOffice writes', async () => {
    const cell = (attrs: string, text: string) =>
      `<table:table-cell ${attrs}><text:p>${text}</text:p></table:table-cell>`;
    const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>
<table:table table:name="People"><table:table-row>${cell('office:value-type="string"', 'name')}${cell('office:value-type="string"', 'n')}${cell('office:value-type="string"', 'ok')}${cell('office:value-type="string"', 'day')}</table:table-row>
<table:table-row>${cell('office:value-type="string"', 'A &amp; B')}${cell('office:value-type="float" office:value="1.5"', '1,5')}${cell('office:value-type="boolean" office:boolean-value="true"', 'TRUE')}${cell('office:value-type="date" office:date-value="2026-02-03"', '03/02/26')}<table:table-cell table:number-columns-repeated="16380"/></table:table-row>
<table:table-row table:number-rows-repeated="2">${cell('office:value-type="string"', 'same')}</table:table-row>
<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>`;
    const ods = zipSync({
      mimetype: new TextEncoder().encode('application/vnd.oasis.opendocument.spreadsheet'),
      'content.xml': new TextEncoder().encode(content),
    });
    const result = await extractFrom(
      ods,
      { fileName: 'p.ods', mimeType: 'application/vnd.oasis.opendocument.spreadsheet' },
      { operation: 'ods' },
    );
    expect(result.status).toBe('success');
    expect(result.output).toEqual([
      { name: 'A & B', n: 1.5, ok: true, day: '2026-02-03T00:00:00.000Z' },
      { name: 'same' },
      { name: 'same' },
    ]);
  });

  it('bad input is a clear node error: corrupt XLSX, broken JSON, a PDF that is not one', async () => {
    const meta = { fileName: 'bad.xlsx', mimeType: 'application/octet-stream' };
    const zipJunk = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]);
    const xlsx = await extractFrom(zipJunk, meta, { operation: 'xlsx' });
    expect(xlsx.status).toBe('error');
    expect(xlsx.error).toMatchObject({ code: 'FILE_INVALID', node: 'Extract' });
    expect(xlsx.error?.message).toContain('"bad.xlsx" could not be read as XLSX');
    const json = await extractFrom(
      new TextEncoder().encode('{"a":'),
      { fileName: 'a.json', mimeType: 'application/json' },
      { operation: 'fromJson' },
    );
    expect(json.error?.code).toBe('FILE_INVALID');
    expect(json.error?.message).toContain('could not be read as JSON');
    const pdf = await extractFrom(
      new TextEncoder().encode('%PDF-1.4 nope'),
      { fileName: 'x.pdf', mimeType: 'application/pdf' },
      { operation: 'pdf' },
    );
    expect(pdf.error?.code).toBe('FILE_INVALID');
    const noFile = await runChain({
      steps: [{ definition: extractFromFile, parameters: {}, name: 'Extract' }],
    });
    expect(noFile.error?.code).toBe('BINARY_MISSING');
    // As in n8n, text / JSON / base64 skip an item without the file, and keep the item's other files.
    const binary = new MemoryBinaryStore();
    const other = await binary.put(new TextEncoder().encode('x'), { mimeType: 'text/plain' });
    const text = await binary.put(new TextEncoder().encode('hello'), { mimeType: 'text/plain' });
    const skipped = await runChain({
      binary,
      inputItems: [{ json: { n: 1 } }, { json: { n: 2 }, binary: { data: text, other } }],
      steps: [{ definition: extractFromFile, parameters: { operation: 'text' }, name: 'Extract' }],
    });
    expect(skipped.output).toEqual([{ data: 'hello' }]);
    expect(Object.keys(skipped.items[0].binary ?? {})).toEqual(['other']);
    expect(skipped.items[0].pairedItem).toEqual({ item: 1 });
  });

  it('refuses files over the size limit and XLSX files that expand past it', async () => {
    const big = await extractFrom(
      new Uint8Array(2048),
      { fileName: 'big.csv', mimeType: 'text/csv' },
      { operation: 'csv' },
      { fileNodesMaxBytes: 1024 },
    );
    expect(big.error?.code).toBe('FILE_TOO_LARGE');
    expect(big.error?.message).toContain('larger than the limit of 1 KB');
    const bomb = zipSync({ 'xl/workbook.xml': new Uint8Array(200_000) });
    const refused = await extractFrom(
      bomb,
      { fileName: 'bomb.xlsx', mimeType: 'application/octet-stream' },
      { operation: 'xlsx' },
      { fileNodesMaxBytes: 10_000 },
    );
    expect(refused.error?.code).toBe('FILE_TOO_LARGE');
  });

  it("document text by type (for Dify's document extractor)", async () => {
    const html = await extractFrom(
      new TextEncoder().encode('<p>Hi <b>there</b></p><script>x()</script>'),
      { fileName: 'a.html', mimeType: 'text/html' },
      { operation: 'document', destinationKey: 'text' },
    );
    expect(html.output).toEqual([{ text: 'Hi there' }]);
    const pdf = await extractFrom(
      tinyPdf(['Policy text']),
      { fileName: 'p.pdf', mimeType: 'application/pdf' },
      { operation: 'document', destinationKey: 'text' },
    );
    expect(String(pdf.output[0].text)).toContain('Policy text');
  });
});
