/**
 * What the writers have in common (csvWriter, jsonWriter, xlsxWriter): rows pushed in, a batch at
 * a time, the file finished by `end`. `write` is called with SQLite's whole row iterator at once
 * (the writer's own loop then runs over it, as fast as before) or with a PostgreSQL cursor's
 * batches, one call per batch: never a call or an await per row. What `write` returns is awaited
 * before the next call (the workbook's backpressure). `close` releases the file after a failure.
 */
export interface RowWriter {
  write(rows: Iterable<unknown[]>): void | Promise<void>;
  /** Finishes the file; the number of rows written. */
  end(): number | Promise<number>;
  close(): void;
}

/** A writer that finishes each push before it returns (CSV, JSON: synchronous file writes in a worker). */
export interface SyncRowWriter extends RowWriter {
  write(rows: Iterable<unknown[]>): void;
  end(): number;
}
