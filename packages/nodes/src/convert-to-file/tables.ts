import type { JsonObject } from '@guixu/core';
import { Workbook } from '../shared/excel-workbook.ts';
import Papa from 'papaparse';

/**
 * Items to spreadsheet-like files: CSV (papaparse), XLSX (exceljs) and an HTML
 * table. Nested objects and lists are flattened into dot-named columns
 * (`names.0`, `address.city`) as n8n does; columns are every field seen, in
 * order of first appearance.
 */
export interface TableOptions {
  headerRow?: boolean;
  delimiter?: string;
  sheetName?: string;
}

type Cell = string | number | boolean | null;

/** n8n's flattenObject: `{ a: { b: 1 }, l: [2] }` → `{ 'a.b': 1, 'l.0': 2 }` (empty objects vanish). */
export function flatten(value: JsonObject): Record<string, Cell> {
  const out: Record<string, Cell> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry !== null && typeof entry === 'object') {
      const inner = flatten(entry as JsonObject);
      for (const [sub, leaf] of Object.entries(inner)) out[`${key}.${sub}`] = leaf;
    } else {
      out[key] = entry;
    }
  }
  return out;
}

export function columnsOf(rows: Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  return [...seen];
}

export function toCsv(items: JsonObject[], options: TableOptions): string {
  const rows = items.map(flatten);
  const columns = columnsOf(rows);
  const data = rows.map((row) => columns.map((c) => row[c] ?? ''));
  return Papa.unparse(
    { fields: columns, data },
    { header: options.headerRow !== false, delimiter: options.delimiter || ',', newline: '\n' },
  );
}

export async function toXlsx(items: JsonObject[], options: TableOptions): Promise<Uint8Array> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(options.sheetName || 'Sheet');
  const rows = items.map(flatten);
  const columns = columnsOf(rows);
  if (options.headerRow !== false) sheet.addRow(columns);
  for (const row of rows) sheet.addRow(columns.map((c) => row[c] ?? null));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** The page SheetJS writes (n8n's Spreadsheet File and Convert to HTML give exactly this). */
export function toHtmlTable(items: JsonObject[], options: TableOptions): string {
  const rows = items.map(flatten);
  const columns = columnsOf(rows);
  const table: Cell[][] = rows.map((row) => columns.map((c) => row[c] ?? null));
  if (options.headerRow !== false) table.unshift(columns);
  const body = table
    .map((cells, r) => {
      const tds = cells.map((value, c) => {
        const id = `sjs-${columnName(c)}${r + 1}`;
        if (value === null || value === '') return `<td id="${id}"></td>`;
        const [type, text] =
          typeof value === 'number'
            ? ['n', String(value)]
            : typeof value === 'boolean'
              ? ['b', value ? 'TRUE' : 'FALSE']
              : ['s', value];
        return `<td data-t="${type}" data-v="${escapeHtml(text)}" id="${id}">${escapeHtml(text)}</td>`;
      });
      return `<tr>${tds.join('')}</tr>`;
    })
    .join('');
  return `<html><head><meta charset="utf-8"/><title>SheetJS Table Export</title></head><body><table>${body}</table></body></html>`;
}
