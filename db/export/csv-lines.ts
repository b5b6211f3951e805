import { closeSync, openSync, writeSync } from "node:fs";
import type Database from "better-sqlite3";
import { label as codeLabel, LABELLED_ENUMS } from "../../common/labels";
import { BATCH_CHARS, columnKind, csvCells, csvField, csvHeader, Kind, needsQuotesFor, PROGRESS_ROWS, YES_NO, type CsvOptions } from "./csv-writer";
import type { ExportColumn, ExportQuery } from "./record-sets";

/**
 * The CSV export with SQLite writing each line. Handing a row to JavaScript costs a value per cell
 * (a string made and decoded from UTF-8 for each), and assembling the line there costs as much
 * again; one string per row, built by SQLite's own functions, halves the export's time. The cells
 * SQLite builds are only the plain cases — text with nothing to quote or neutralise, codes with a
 * known label, integers, calendar days, booleans; everything else (a quote, the delimiter, a line
 * break, a leading =, +, -, @, tab, CR or space, a date and time, an unexpected type) goes to the
 * JavaScript definition, csvCells in csv-writer.ts, through the SQL function `csv_cell(i, value)`.
 * tests/db/export-csv-lines.test.ts holds every line equal to the one csvCells builds.
 */

const CELL_FUNCTION = "csv_cell";
/** A string literal in SQL. */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * SQLite's GLOB and length() stop at a NUL byte, which text may hold: a value whose byte length
 * differs from its character count is not plain ASCII and goes to csv_cell whatever GLOB said.
 */
const asciiOnly = (x: string) => `length(${x}) = length(CAST(${x} AS BLOB))`;

function cellSql(column: ExportColumn, i: number, options: CsvOptions): string {
  const x = `c${i}`;
  const js = `${CELL_FUNCTION}(${i}, ${x})`;
  switch (columnKind(column)) {
    case Kind.Text: {
      // Characters that make a field need quotes (instr reads bytes, NUL included), or a first
      // character cell-safety.ts looks at: =, +, -, @, tab, CR, space. A sign and digits alone
      // (a phone number in E.164) is a number to a spreadsheet: written as is.
      const special = [`'"'`, literal(options.delimiter), "char(10)", "char(13)"].map((c) => `instr(${x}, ${c})`).join(" OR ");
      const plainNumber = `${x} GLOB '[+-][0-9]*' AND NOT substr(${x}, 2) GLOB '*[^0-9]*' AND ${asciiOnly(x)}`;
      return `CASE typeof(${x}) WHEN 'text' THEN CASE WHEN unicode(${x}) IN (61, 43, 45, 64, 9, 13, 32) THEN CASE WHEN ${plainNumber} THEN ${x} ELSE ${js} END WHEN ${special} THEN ${js} ELSE ${x} END WHEN 'null' THEN '' WHEN 'integer' THEN ${x} ELSE ${js} END`;
    }
    case Kind.Labelled: {
      // Each code's field (its label, quoted if it must be) as a literal; BINARY, as the JavaScript
      // map compares, whatever collation the column declares.
      const needsQuotes = needsQuotesFor(options.delimiter);
      const codes: readonly string[] = LABELLED_ENUMS[column.labels!];
      const whens = codes.map((code) => `WHEN ${literal(code)} THEN ${literal(csvField(codeLabel(column.labels!, code, options.language), needsQuotes))}`).join(" ");
      return `CASE typeof(${x}) WHEN 'text' THEN CASE ${x} COLLATE BINARY ${whens} ELSE ${js} END WHEN 'null' THEN '' ELSE ${js} END`;
    }
    case Kind.Number:
      return `CASE typeof(${x}) WHEN 'integer' THEN ${x} WHEN 'null' THEN '' ELSE ${js} END`;
    case Kind.Instant:
      return `CASE WHEN ${x} IS NULL THEN '' ELSE ${js} END`;
    case Kind.Day: {
      const iso = `typeof(${x}) = 'text' AND ${x} GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND length(CAST(${x} AS BLOB)) = 10`;
      const text = options.dateStyle === "iso" ? x : `substr(${x}, 9, 2) || '.' || substr(${x}, 6, 2) || '.' || substr(${x}, 1, 4)`;
      return `CASE WHEN ${iso} THEN ${text} WHEN ${x} IS NULL THEN '' ELSE ${js} END`;
    }
    case Kind.Boolean: {
      const [yes, no] = YES_NO[options.language];
      return `CASE typeof(${x}) WHEN 'integer' THEN CASE WHEN ${x} THEN ${literal(yes)} ELSE ${literal(no)} END WHEN 'null' THEN '' ELSE ${js} END`;
    }
  }
}

/** One SQL expression for a whole record — cells, delimiters and CRLF — over the columns c0, c1, … */
export function csvLineSql(columns: readonly ExportColumn[], options: CsvOptions): string {
  return `${columns.map((c, i) => cellSql(c, i, options)).join(` || ${literal(options.delimiter)} || `)} || char(13, 10)`;
}

/**
 * Writes the export's rows as CSV (csv-writer.ts's format: BOM, header, CRLF, RFC 4180) to `file`,
 * each record built by SQLite, about a megabyte written at a time; returns the row count.
 * `LIMIT -1 OFFSET 0` keeps the export's statement a subquery of its own (SQLite does not flatten
 * a subquery with an OFFSET): each column, a correlated subquery for the phone among them, is
 * computed once per row however many times its cell expression names it.
 */
export function writeCsvLines(sqlite: Database.Database, query: ExportQuery, file: string, options: CsvOptions, onProgress: (done: number) => void): number {
  const cell = csvCells(query.columns, options);
  sqlite.function(CELL_FUNCTION, { deterministic: true }, (i, v) => cell(i as number, v));
  const statement = sqlite.prepare(`SELECT ${csvLineSql(query.columns, options)} FROM (${query.sql} LIMIT -1 OFFSET 0)`).pluck();
  const fd = openSync(file, "w");
  let done = 0;
  try {
    let batch = csvHeader(query.columns, options.delimiter);
    for (const line of statement.iterate(...query.params) as IterableIterator<string>) {
      batch += line;
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
