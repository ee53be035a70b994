import type { Workbook as ExcelWorkbook } from 'exceljs';
// @ts-expect-error exceljs types only its main entry. Its Workbook alone leaves out the
// streaming reader, whose bluebird assigns `constructor` on Error instances and throws under
// the server's frozen intrinsics (harden-process.ts) as soon as the package is loaded.
import WorkbookClass from 'exceljs/lib/doc/workbook.js';

/** exceljs's Workbook (XLSX read and write), safe to load in the hardened server. */
export const Workbook: typeof ExcelWorkbook = WorkbookClass;
export type Workbook = ExcelWorkbook;
