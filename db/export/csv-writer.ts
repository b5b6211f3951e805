import { closeSync, openSync, writeSync } from "node:fs";
import type { Language } from "../schema";
import { label as codeLabel } from "../../common/labels";
import { neutraliseFormula } from "./cell-safety";
import type { ExportColumn } from "./record-sets";
import { formatDay, formatInstant, type DateStyle } from "./zurich-dates";

export interface CsvOptions {
  /** `;` is what Excel expects with Swiss regional settings; `,` elsewhere. */
  delimiter: ";" | ",";
  dateStyle: DateStyle;
  language: Language;
}

export const YES_NO: Record<Language, [string, string]> = { fr: ["oui", "non"], en: ["yes", "no"] };

/** About 1 MB of text per write: few system calls, little memory. */
export const BATCH_CHARS = 1 << 20;
/** Progress is reported every this many rows. */
export const PROGRESS_ROWS = 5000;

/** How a column's stored values become text; a switch in the cell function rather than a closure per cell. */
export const enum Kind {
  Text,
  Labelled,
  Number,
  Instant,
  Day,
  Boolean,
}

export function columnKind(c: ExportColumn): Kind {
  if (c.labels) return Kind.Labelled;
  switch (c.type) {
    case "text":
      return Kind.Text;
    case "integer":
    case "number":
      return Kind.Number;
    case "instant":
      return Kind.Instant;
    case "day":
      return Kind.Day;
    case "boolean":
      return Kind.Boolean;
  }
}

/** The characters that make a field need quotes with this delimiter. */
export const needsQuotesFor = (delimiter: ";" | ","): RegExp => (delimiter === ";" ? /[";\r\n]/ : /[",\r\n]/);

/**
 * One RFC 4180 field: neutralised when a spreadsheet would evaluate it (cell-safety.ts), quoted
 * when it holds the delimiter, a quote, CR or LF, its quotes doubled.
 */
export function csvField(text: string, needsQuotes: RegExp): string {
  const safe = mayTrigger(text.charCodeAt(0)) ? neutraliseFormula(text) : text;
  return needsQuotes.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The first characters cell-safety.ts looks at (space: it looks behind leading spaces): anything else is plain. */
function mayTrigger(code: number): boolean {
  return code === 0x3d || code === 0x2b || code === 0x2d || code === 0x40 || code === 0x09 || code === 0x0d || code === 0x20;
}

/**
 * The CSV text of one stored value of column `i` — the definition of what a cell becomes: dates in
 * the chosen style, booleans as words, codes as their labels when the column has a label group,
 * numbers as digits, text as stored (phone numbers in E.164, which a spreadsheet reads as a number
 * and runs nothing), NULL as nothing. csv-lines.ts builds the common cases in SQL and calls this
 * for the rest; the tests hold the two equal.
 */
export function csvCells(columns: readonly ExportColumn[], options: CsvOptions): (i: number, v: unknown) => string {
  const { dateStyle } = options;
  const needsQuotes = needsQuotesFor(options.delimiter);
  const [yes, no] = YES_NO[options.language];
  const kinds = columns.map(columnKind);
  // Each code's field, ready to write, computed once per export rather than once per cell.
  const labelled = columns.map((c) => (c.labels ? new Map<string, string>() : null));
  const labelledField = (i: number, code: string): string => {
    const known = labelled[i]!;
    let field = known.get(code);
    if (field === undefined) {
      field = csvField(codeLabel(columns[i]!.labels!, code, options.language), needsQuotes);
      if (known.size < 1000) known.set(code, field);
    }
    return field;
  };
  return (i, v) => {
    if (v === null || v === undefined) return "";
    switch (kinds[i]) {
      case Kind.Text:
        return csvField(typeof v === "string" ? v : String(v), needsQuotes);
      case Kind.Labelled:
        return typeof v === "string" ? labelledField(i, v) : csvField(String(v), needsQuotes);
      case Kind.Number:
        return String(v);
      case Kind.Instant:
        return typeof v === "number" ? formatInstant(v, dateStyle) : "";
      case Kind.Day:
        return typeof v === "string" ? csvField(formatDay(v, dateStyle), needsQuotes) : "";
      case Kind.Boolean:
        return v ? yes : no;
      default:
        return "";
    }
  };
}

/** The BOM (so Excel reads the accents) and the header record. */
export function csvHeader(columns: readonly ExportColumn[], delimiter: ";" | ","): string {
  const needsQuotes = needsQuotesFor(delimiter);
  return `\uFEFF${columns.map((c) => csvField(c.label, needsQuotes)).join(delimiter)}\r\n`;
}

/**
 * UTF-8 with a byte-order mark, CRLF records, RFC 4180 quoting, each cell as csvCells writes it,
 * from rows of stored values. Written by hand rather than with csv-stringify (seven times as long
 * per row); the tests parse the output back with csv-parse. Rows are written about a megabyte at a
 * time, synchronously: memory holds one batch whatever the count. The exports themselves go
 * through csv-lines.ts (the same cells, built by SQLite); this writer is the reference it is held
 * to, and writes the small mailing list.
 */
export function writeCsv(file: string, columns: readonly ExportColumn[], rows: Iterable<unknown[]>, options: CsvOptions, onProgress: (done: number) => void): number {
  const { delimiter } = options;
  const cell = csvCells(columns, options);
  const n = columns.length;
  const fd = openSync(file, "w");
  let done = 0;
  try {
    let batch = csvHeader(columns, delimiter);
    for (const row of rows) {
      for (let i = 0; i < n; i++) {
        if (i > 0) batch += delimiter;
        batch += cell(i, row[i]);
      }
      batch += "\r\n";
      if (++done % PROGRESS_ROWS === 0) onProgress(done);
      if (batch.length >= BATCH_CHARS) {
        writeSync(fd, batch);
        batch = "";
      }
    }
    if (batch) writeSync(fd, batch);
  } finally {
    closeSync(fd);
  }
  return done;
}
