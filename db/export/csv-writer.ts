import type { Hash } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";
import type { Language } from "../schema";
import { label as codeLabel } from "../../common/labels";
import { neutraliseFormula } from "./cell-safety";
import type { ExportColumn } from "./record-sets";
import type { SyncRowWriter } from "./row-writer";
import { formatDay, formatInstant, type DateStyle } from "./zurich-dates";

export interface CsvOptions {
  /** `;` is what Excel expects with Swiss regional settings; `,` elsewhere. */
  delimiter: ";" | ",";
  dateStyle: DateStyle;
  language: Language;
}

const YES_NO: Record<Language, [string, string]> = { fr: ["oui", "non"], en: ["yes", "no"] };

/** How a column's stored values become text; a switch in the row loop rather than a closure per cell. */
const enum Kind {
  Text,
  Labelled,
  Number,
  Instant,
  Day,
  Boolean,
}

/** About 1 MB of text per write: few system calls, little memory. */
const BATCH_CHARS = 1 << 20;
/** Progress is reported every this many rows. */
const PROGRESS_ROWS = 5000;

/**
 * One RFC 4180 field: neutralised when a spreadsheet would evaluate it (cell-safety.ts), quoted
 * when it holds the delimiter, a quote, CR or LF, its quotes doubled.
 */
function csvField(text: string, needsQuotes: RegExp): string {
  const safe = mayTrigger(text.charCodeAt(0)) ? neutraliseFormula(text) : text;
  return needsQuotes.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The first characters cell-safety.ts looks at (space: it looks behind leading spaces): anything else is plain. */
function mayTrigger(code: number): boolean {
  return code === 0x3d || code === 0x2b || code === 0x2d || code === 0x40 || code === 0x09 || code === 0x0d || code === 0x20;
}

/**
 * UTF-8 with a byte-order mark (so Excel reads the accents), CRLF records, RFC 4180 quoting. Dates
 * in the chosen style, booleans as words, codes as their labels when the column has a label group,
 * numbers as digits, text as stored — phone numbers in E.164, which a spreadsheet reads as a number
 * and runs nothing. Written by hand rather than with csv-stringify (seven times as long per row);
 * the tests parse the output back with csv-parse. Rows are written about a megabyte at a time,
 * synchronously: the export runs in a worker thread, and memory holds one batch whatever the count.
 * `hash`, when given, is fed the bytes as they are written (the audit's SHA-256 without reading the
 * file again).
 */
export function writeCsv(file: string, columns: readonly ExportColumn[], rows: Iterable<unknown[]>, options: CsvOptions, onProgress: (done: number) => void, hash?: Hash): number {
  const writer = csvWriter(file, columns, options, onProgress, hash);
  try {
    writer.write(rows);
    return writer.end();
  } finally {
    writer.close();
  }
}

/** writeCsv's file, its rows pushed in batches (RowWriter, row-writer.ts). */
export function csvWriter(file: string, columns: readonly ExportColumn[], options: CsvOptions, onProgress: (done: number) => void, hash?: Hash): SyncRowWriter {
  const { delimiter, dateStyle } = options;
  const needsQuotes = delimiter === ";" ? /[";\r\n]/ : /[",\r\n]/;
  const [yes, no] = YES_NO[options.language];
  const n = columns.length;
  const kinds = columns.map((c): Kind => {
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
  });
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

  let fd: number | undefined = openSync(file, "w");
  const close = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  const flush = (text: string) => {
    const bytes = Buffer.from(text, "utf8");
    hash?.update(bytes);
    for (let at = 0; at < bytes.length; ) at += writeSync(fd!, bytes, at);
  };
  // Carried from one call of `write` to the next; the row loop works on locals.
  let pending = `\uFEFF${columns.map((c) => csvField(c.label, needsQuotes)).join(delimiter)}\r\n`;
  let written = 0;
  return {
    write(rows) {
      let batch = pending;
      let done = written;
      for (const row of rows) {
        // Appended straight to the batch, field by field: no string per record to build and copy.
        for (let i = 0; i < n; i++) {
          const v = row[i];
          if (i > 0) batch += delimiter;
          if (v === null || v === undefined) continue;
          switch (kinds[i]) {
            case Kind.Text:
              batch += csvField(typeof v === "string" ? v : String(v), needsQuotes);
              break;
            case Kind.Labelled:
              batch += typeof v === "string" ? labelledField(i, v) : csvField(String(v), needsQuotes);
              break;
            case Kind.Number:
              batch += String(v);
              break;
            case Kind.Instant:
              if (typeof v === "number") batch += formatInstant(v, dateStyle);
              break;
            case Kind.Day:
              if (typeof v === "string") batch += csvField(formatDay(v, dateStyle), needsQuotes);
              break;
            case Kind.Boolean:
              batch += v ? yes : no;
              break;
          }
        }
        batch += "\r\n";
        if (++done % PROGRESS_ROWS === 0) onProgress(done);
        if (batch.length >= BATCH_CHARS) {
          flush(batch);
          batch = "";
        }
      }
      pending = batch;
      written = done;
    },
    end() {
      if (pending) flush(pending);
      pending = "";
      close();
      return written;
    },
    close,
  };
}
