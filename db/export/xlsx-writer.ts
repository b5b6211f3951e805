import ExcelJS from "exceljs";
import type { Language } from "../schema";
import type { RowWriter } from "./row-writer";
import { codeCell, type ExportColumn } from "./record-sets";
import { isInstantInRange, rawInstantText } from "../../common/date-range";
import { internationalPhone } from "./phone-cell";
import { dayAsDate, zurichWallClock, type DateStyle } from "./zurich-dates";

/** Excel's last row is 1,048,576: one header row and 1,048,575 data rows per sheet. */
export const EXCEL_DATA_ROWS = 1_048_575;

export interface XlsxOptions {
  dateStyle: DateStyle;
  /** Codes are written as their labels in this language (common/labels.ts); French, the app's default, unless given. */
  language?: Language;
  /** Data rows per sheet before the export continues on the next one. */
  sheetRowLimit?: number;
  /** Sheet names: "Export", "Export 2", … */
  sheetName?: string;
}

function cellValue(column: ExportColumn): (value: unknown) => ExcelJS.CellValue {
  if (column.phone) return (v) => (typeof v === "string" ? internationalPhone(v) : null);
  switch (column.type) {
    case "instant":
      // Excel has no time zones: the cell holds Geneva's wall-clock time.
      // A stored value outside the accepted range is written as text, as in CSV: a date cell would show ####.
      return (v) => (typeof v === "number" ? (isInstantInRange(v) ? zurichWallClock(v) : rawInstantText(v)) : null);
    case "day":
      return (v) => {
        if (typeof v !== "string") return null;
        const date = dayAsDate(v);
        // A stored day that is no calendar date stays its text: an invalid Date would corrupt the cell.
        return Number.isNaN(date.getTime()) ? v : date;
      };
    case "boolean":
      return (v) => (v === null || v === undefined ? null : Boolean(v));
    case "integer":
    case "number":
      return (v) => (typeof v === "number" ? v : null);
    case "text":
      // Written as is: a string cell (its value in <v>, t="str", never an <f> element) is not evaluated whatever it
      // starts with, so "=1+1" and "+41 22…" need no apostrophe here (cell-safety.ts is for CSV).
      // Line breaks inside a cell are LF in a workbook (XML would turn a bare CR into LF anyway).
      return (v) => {
        if (v === null || v === undefined) return null;
        const text = typeof v === "string" ? v : String(v);
        return text.includes("\r") ? text.replace(/\r\n?/g, "\n") : text;
      };
  }
}

function numberFormat(type: ExportColumn["type"], style: DateStyle): string | undefined {
  if (type === "instant") return style === "swiss" ? "dd.mm.yyyy hh:mm" : "yyyy-mm-dd hh:mm:ss";
  if (type === "day") return style === "swiss" ? "dd.mm.yyyy" : "yyyy-mm-dd";
  if (type === "integer") return "0";
  return undefined;
}

const YIELD_EVERY = 1000;
const MAX_PENDING_BYTES = 4 << 20;

/**
 * Waits while the zip has not caught up with the rows committed so far. exceljs writes each sheet
 * into a PassThrough without heeding its backpressure, so a fast query would pile the whole sheet's
 * XML up in memory (about 0.5 KB a row: half a gigabyte for a million people); this keeps a few
 * megabytes in flight. Reads exceljs's internal stream: without it, it only yields a turn.
 */
async function drained(sheet: unknown): Promise<void> {
  const pipes = (sheet as { stream?: { pipes?: { _writableState?: { length?: number } }[] } }).stream?.pipes ?? [];
  const pending = () => pipes.reduce((n, p) => n + (p._writableState?.length ?? 0), 0);
  // A turn of the event loop lets the zip take what was written; a millisecond's sleep only while it lags.
  await new Promise((resolve) => setImmediate(resolve));
  while (pending() > MAX_PENDING_BYTES) await new Promise((resolve) => setTimeout(resolve, 1));
}

/**
 * A streamed workbook (exceljs WorkbookWriter: each row is committed to the zip as it is added, so
 * memory stays flat): typed cells, a bold header row that is frozen and filtered, column widths,
 * and a new sheet whenever one is full.
 */
export async function writeXlsx(file: string, columns: readonly ExportColumn[], rows: Iterable<unknown[]>, options: XlsxOptions, onProgress: (done: number) => void): Promise<number> {
  const writer = xlsxWriter(file, columns, options, onProgress);
  await writer.write(rows);
  return await writer.end();
}

/** writeXlsx's workbook, its rows pushed in batches (RowWriter, row-writer.ts). */
export function xlsxWriter(file: string, columns: readonly ExportColumn[], options: XlsxOptions, onProgress: (done: number) => void): RowWriter {
  const limit = options.sheetRowLimit ?? EXCEL_DATA_ROWS;
  const base = options.sheetName ?? "Export";
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const values = columns.map((c) => {
    const value = cellValue(c);
    if (!c.labels) return value;
    // Each code's label once per export, not once per cell.
    const code = codeCell(c.labels, options.language ?? "fr");
    const known = new Map<unknown, ExcelJS.CellValue>();
    return (v: unknown) => {
      let cell = known.get(v);
      if (cell === undefined && !known.has(v)) {
        cell = value(code(v));
        if (known.size < 1000) known.set(v, cell);
      }
      return cell!;
    };
  });
  // One style object per column, shared by all its cells: exceljs resolves a style it has seen
  // by object identity, where a column style would be copied into, and resolved for, every cell
  // (the shared objects halve the time of a million-row workbook).
  const styles = columns.map((c): Partial<ExcelJS.Style> => {
    const numFmt = numberFormat(c.type, options.dateStyle);
    return numFmt ? { numFmt } : {};
  });

  let sheetCount = 0;
  const openSheet = () => {
    sheetCount++;
    const sheet = workbook.addWorksheet(sheetCount === 1 ? base : `${base} ${sheetCount}`, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = columns.map((c) => ({ key: c.key, width: Math.max(c.width, Math.min(40, c.label.length + 2)) }));
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
    const header = sheet.addRow(columns.map((c) => c.label));
    header.font = { bold: true };
    header.commit();
    return sheet;
  };

  let sheet = openSheet();
  let inSheet = 0;
  let done = 0;
  return {
    async write(rows) {
      for (const row of rows) {
        if (inSheet === limit) {
          sheet.commit();
          sheet = openSheet();
          inSheet = 0;
        }
        // An empty value is left out (undefined): exceljs then makes no cell at all, where a null cell
        // would carry a style object of its own, resolved anew for every such cell.
        const out = new Array<ExcelJS.CellValue | undefined>(values.length);
        for (let i = 0; i < values.length; i++) {
          const v = row[i];
          out[i] = v === null || v === undefined ? undefined : (values[i]!(v) ?? undefined);
        }
        const added = sheet.addRow(out);
        for (let i = 0; i < values.length; i++) if (out[i] !== undefined) added.getCell(i + 1).style = styles[i]!;
        added.commit();
        inSheet++;
        done++;
        if (done % YIELD_EVERY === 0) {
          onProgress(done);
          await drained(sheet);
        }
      }
    },
    async end() {
      sheet.commit();
      await workbook.commit();
      return done;
    },
    // exceljs's file stream is left to the garbage collector after a failure, as before.
    close() {},
  };
}
