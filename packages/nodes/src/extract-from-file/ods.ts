import type { JsonValue } from '@guixu/core';
import { XMLParser } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import type { RowOptions } from './rows.ts';

/**
 * An OpenDocument spreadsheet (ODS) as a table of cells: `content.xml` from the
 * zip (fflate), parsed with fast-xml-parser. Typed cells keep their value
 * (numbers, booleans, dates as ISO text); repeated empty rows and columns at the
 * end (LibreOffice writes a million of them) are dropped.
 */
type Node = Record<string, unknown>;
const MAX_REPEAT = 10_000;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) =>
    [
      'table:table',
      'table:table-row',
      'table:table-cell',
      'text:p',
      'table:table-row-group',
      'table:table-rows',
    ].includes(name),
});

function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(textOf).join('');
  if (typeof value === 'object') {
    let out = '';
    for (const [key, child] of Object.entries(value)) {
      if (key.startsWith('@')) continue;
      if (key === 'text:s') out += ' ';
      else if (key === 'text:tab') out += '\t';
      else out += textOf(child);
    }
    return out;
  }
  return '';
}

function cellValue(cell: Node, asString: boolean): JsonValue {
  const type = cell['@office:value-type'];
  const text = (Array.isArray(cell['text:p']) ? cell['text:p'] : []).map(textOf).join('\n');
  if (asString) return text;
  if (type === 'float' || type === 'percentage' || type === 'currency') {
    const n = Number(cell['@office:value']);
    return Number.isFinite(n) ? n : text;
  }
  if (type === 'boolean') return cell['@office:boolean-value'] === 'true';
  if (type === 'date') {
    const date = new Date(String(cell['@office:date-value']));
    return Number.isNaN(date.getTime()) ? text : date.toISOString();
  }
  return text === '' ? null : text;
}

function rowsOf(table: Node): Node[] {
  const rows = (table['table:table-row'] as Node[] | undefined) ?? [];
  const groups = [
    ...((table['table:table-row-group'] as Node[] | undefined) ?? []),
    ...((table['table:table-rows'] as Node[] | undefined) ?? []),
  ];
  return [...rows, ...groups.flatMap(rowsOf)];
}

export function odsTable(bytes: Uint8Array, options: RowOptions): JsonValue[][] {
  const files = unzipSync(bytes, { filter: (file) => file.name === 'content.xml' });
  const content = files['content.xml'];
  if (!content) throw new Error('no content.xml: not an OpenDocument spreadsheet');
  const doc = parser.parse(new TextDecoder().decode(content)) as Node;
  const body = (doc['office:document-content'] as Node | undefined)?.['office:body'] as Node | undefined;
  const spreadsheet = body?.['office:spreadsheet'] as Node | undefined;
  const tables = (spreadsheet?.['table:table'] as Node[] | undefined) ?? [];
  const table = options.sheetName ? tables.find((t) => t['@table:name'] === options.sheetName) : tables[0];
  if (!table) {
    const names = tables.map((t) => String(t['@table:name'])).join(', ');
    throw new Error(
      options.sheetName
        ? `no sheet "${options.sheetName}" (sheets: ${names})`
        : 'the spreadsheet has no sheet',
    );
  }
  const out: JsonValue[][] = [];
  for (const row of rowsOf(table)) {
    const cells: JsonValue[] = [];
    for (const cell of (row['table:table-cell'] as Node[] | undefined) ?? []) {
      const value = cellValue(cell, options.readAsString === true);
      const repeat = Math.min(Number(cell['@table:number-columns-repeated'] ?? 1) || 1, MAX_REPEAT);
      for (let i = 0; i < repeat; i++) cells.push(value);
    }
    while (cells.length > 0 && (cells[cells.length - 1] === null || cells[cells.length - 1] === ''))
      cells.pop();
    const repeat =
      cells.length === 0 ? 1 : Math.min(Number(row['@table:number-rows-repeated'] ?? 1) || 1, MAX_REPEAT);
    for (let i = 0; i < repeat; i++) out.push(cells);
  }
  while (out.length > 0 && out[out.length - 1].length === 0) out.pop();
  return out.filter((cells) => cells.length > 0);
}
