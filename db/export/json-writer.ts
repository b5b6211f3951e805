import { closeSync, openSync, writeSync } from "node:fs";
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
  const values = columns.map((c) => jsonValue(c.type));
  const fd = openSync(file, "w");
  let done = 0;
  try {
    writeSync(fd, "[");
    let batch: string[] = [];
    for (const row of rows) {
      const object: Record<string, unknown> = {};
      for (let i = 0; i < columns.length; i++) object[columns[i]!.key] = values[i]!(row[i]);
      batch.push(`${done + batch.length === 0 ? "\n" : ",\n"}${JSON.stringify(object)}`);
      if (batch.length === BATCH) {
        writeSync(fd, batch.join(""));
        done += batch.length;
        batch = [];
        onProgress(done);
      }
    }
    writeSync(fd, `${batch.join("")}\n]\n`);
    done += batch.length;
  } finally {
    closeSync(fd);
  }
  return done;
}
