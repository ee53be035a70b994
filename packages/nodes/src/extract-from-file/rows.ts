import type { JsonObject, JsonValue } from '@guixu/core';
import { load } from 'cheerio';
import type { CellValue } from 'exceljs';
import { Workbook } from '../shared/excel-workbook.ts';
import Papa from 'papaparse';

/**
 * Spreadsheet-like files to rows: CSV (papaparse), XLSX (exceljs) and HTML
 * tables (cheerio). A header row names the fields; without one each row is
 * `{ row: [...] }`, as in n8n.
 */
export interface RowOptions {
  headerRow?: boolean;
  includeEmptyCells?: boolean;
  maxRowCount?: number;
  fromLine?: number;
  sheetName?: string;
  range?: string;
  readAsString?: boolean;
  delimiter?: string;
  relaxQuotes?: boolean;
}

type Cell = JsonValue;

export function toRows(table: Cell[][], options: RowOptions): JsonObject[] {
  const headerRow = options.headerRow !== false;
  const max = options.maxRowCount !== undefined && options.maxRowCount >= 0 ? options.maxRowCount : -1;
  const rows: JsonObject[] = [];
  if (!headerRow) {
    for (const cells of table) {
      if (max !== -1 && rows.length >= max) break;
      rows.push({ row: cells });
    }
    return rows;
  }
  const [header = [], ...body] = table;
  const names = header.map((cell, i) =>
    cell === null || cell === '' ? `__EMPTY${i === 0 ? '' : `_${i}`}` : String(cell),
  );
  for (const cells of body) {
    if (max !== -1 && rows.length >= max) break;
    const row: JsonObject = {};
    names.forEach((name, i) => {
      const value = cells[i] ?? null;
      if (value === null || value === '') {
        if (options.includeEmptyCells) row[name] = '';
        return;
      }
      row[name] = value;
    });
    if (Object.keys(row).length > 0 || options.includeEmptyCells) rows.push(row);
  }
  return rows;
}

export function csvTable(text: string, options: RowOptions): string[][] {
  const parsed = Papa.parse<string[]>(text, {
    delimiter: options.delimiter || '',
    skipEmptyLines: true,
    quoteChar: '"',
  });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes' && !options.relaxQuotes);
  if (fatal) throw new Error(`${fatal.message} (row ${fatal.row ?? '?'})`);
  const from = Math.max(0, (options.fromLine ?? 1) - 1);
  return parsed.data.slice(from);
}

function cellValue(value: CellValue, asString: boolean): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('hyperlink' in value) return cellValue(value.text as CellValue, asString);
    if ('formula' in value || 'sharedFormula' in value)
      return cellValue((value.result ?? null) as CellValue, asString);
    if ('error' in value) return value.error;
    return null;
  }
  if (asString) return String(value);
  return value;
}

/** `A1:C10` → zero-based bounds. */
function parseRange(
  range: string | undefined,
): { top: number; left: number; bottom: number; right: number } | undefined {
  const match = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(range?.trim() ?? '');
  if (!match) return undefined;
  const col = (letters: string) =>
    [...letters.toUpperCase()].reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
  const left = col(match[1]);
  const top = Number(match[2]);
  return {
    top,
    left,
    bottom: match[4] ? Number(match[4]) : Number.MAX_SAFE_INTEGER,
    right: match[3] ? col(match[3]) : Number.MAX_SAFE_INTEGER,
  };
}

export async function xlsxTable(bytes: Uint8Array, options: RowOptions): Promise<Cell[][]> {
  const workbook = new Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = options.sheetName ? workbook.getWorksheet(options.sheetName) : workbook.worksheets[0];
  if (!sheet) {
    const names = workbook.worksheets.map((s) => s.name).join(', ');
    throw new Error(
      options.sheetName ? `no sheet "${options.sheetName}" (sheets: ${names})` : 'the workbook has no sheet',
    );
  }
  const bounds = parseRange(options.range);
  const table: Cell[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (bounds && (rowNumber < bounds.top || rowNumber > bounds.bottom)) return;
    const cells: Cell[] = [];
    const first = bounds?.left ?? 1;
    const last = Math.min(bounds?.right ?? row.cellCount, row.cellCount);
    for (let c = first; c <= last; c++)
      cells.push(cellValue(row.getCell(c).value, options.readAsString === true));
    table.push(cells);
  });
  return table;
}

/** The first `<table>` of an HTML page (or the one `selector` picks) as cell text. */
export function htmlTable(html: string, selector = 'table'): string[][] {
  const $ = load(html);
  const table = $(selector).first();
  if (table.length === 0) throw new Error('the page has no table');
  return table
    .find('tr')
    .toArray()
    .map((tr) =>
      $(tr)
        .children('th,td')
        .toArray()
        .map((cell) => $(cell).text().trim()),
    );
}
