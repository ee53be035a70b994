import type { JsonObject } from '@guixu/core';

/**
 * Items as an HTML table, exactly as n8n's HTML node "Convert to HTML Table"
 * writes it (its inline styles unless "Custom Styling"; cell values are put in
 * as they are, so a field holding `<a href=…>` stays a link; booleans become
 * checkboxes). Headers capitalize by splitting on `_`, as n8n does.
 */
export interface TableOptions {
  capitalize?: boolean;
  customStyling?: boolean;
  caption?: string;
  tableAttributes?: string;
  headerAttributes?: string;
}

const TABLE_STYLE = "style='border-spacing:0; font-family:helvetica,arial,sans-serif'";
const HEADER_STYLE =
  "style='margin:0; padding:7px 20px 7px 0px; border-bottom:1px solid #eee; text-align:left; color:#888; font-weight:normal'";
const CELL_STYLE = "style='margin:0; padding:7px 20px 7px 0px; border-bottom:1px solid #eee'";

export function capitalizeHeader(header: string, capitalize?: boolean): string {
  if (!capitalize) return header;
  return header
    .split('_')
    .filter((word) => word)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join(' ');
}

/** `rowAttributes` and `cellAttributes` are per item (expressions resolve against each row's item). */
export function htmlTable(
  rows: JsonObject[],
  options: TableOptions,
  perRow: (index: number) => { rowAttributes: string; cellAttributes: string },
): string {
  const styled = !options.customStyling;
  const headers = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  let table = `<table ${styled ? TABLE_STYLE : ''} ${options.tableAttributes ?? ''}>`;
  if (options.caption) table += `<caption>${options.caption}</caption>`;
  table += `<thead ${styled ? HEADER_STYLE : ''} ${options.headerAttributes ?? ''}>`;
  table += `<tr>${headers.map((h) => `<th>${capitalizeHeader(h, options.capitalize)}</th>`).join('')}</tr>`;
  table += '</thead><tbody>';
  rows.forEach((row, index) => {
    const { rowAttributes, cellAttributes } = perRow(index);
    table += `<tr  ${rowAttributes}>`;
    table += headers
      .map((header) => {
        const value = row[header];
        const content =
          typeof value === 'boolean'
            ? `<input type="checkbox" ${value ? 'checked="checked"' : ''}/>`
            : String(value);
        return `<td ${styled ? CELL_STYLE : ''} ${cellAttributes}>${content}</td>`;
      })
      .join('');
    table += '</tr>';
  });
  return `${table}</tbody></table>`;
}
