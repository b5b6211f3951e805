import { closeSync, openSync, writeSync } from "node:fs";
import type { SyncRowWriter } from "./row-writer";
import type { ExportColumn } from "./record-sets";
import { formatInstant } from "./zurich-dates";

const BATCH = 2000;

function jsonValue(type: ExportColumn["type"]): (value: unknown) => unknown {
  if (type === "instant") return (v) => (typeof v === "number" ? formatInstant(v, "iso") : null);
  if (type === "boolean") return (v) => (v === null || v === undefined ? null : Boolean(v));
  return (v) => v ?? null;
}

/**
 * A JSON array of objects keyed by the column keys, written a batch at a time. Dates are always
 * ISO 8601 (a program reads this file, not a person); text is not altered — no spreadsheet
 * evaluates JSON.
 */
export function writeJson(file: string, columns: readonly ExportColumn[], rows: Iterable<unknown[]>, onProgress: (done: number) => void): number {
  const writer = jsonWriter(file, columns, onProgress);
  try {
    writer.write(rows);
    return writer.end();
  } finally {
    writer.close();
  }
}

/** writeJson's file, its rows pushed in batches (RowWriter, row-writer.ts). */
export function jsonWriter(file: string, columns: readonly ExportColumn[], onProgress: (done: number) => void): SyncRowWriter {
  const values = columns.map((c) => jsonValue(c.type));
  let fd: number | undefined = openSync(file, "w");
  const close = () => {
    if (fd !== undefined) closeSync(fd);
    fd = undefined;
  };
  writeSync(fd, "[");
  // Carried from one call of `write` to the next.
  let batch: string[] = [];
  let done = 0;
  return {
    write(rows) {
      for (const row of rows) {
        const object: Record<string, unknown> = {};
        for (let i = 0; i < columns.length; i++) object[columns[i]!.key] = values[i]!(row[i]);
        batch.push(`${done + batch.length === 0 ? "\n" : ",\n"}${JSON.stringify(object)}`);
        if (batch.length === BATCH) {
          writeSync(fd!, batch.join(""));
          done += batch.length;
          batch = [];
          onProgress(done);
        }
      }
    },
    end() {
      writeSync(fd!, `${batch.join("")}\n]\n`);
      done += batch.length;
      batch = [];
      close();
      return done;
    },
    close,
  };
}
