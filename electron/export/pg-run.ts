import type pg from "pg";
import { stoppable } from "../../db/export/export-source";
import { exportConnection, pgSource } from "../../db/export/pg-export-source";
import { runExport } from "../../db/export/run-export";
import type { ExportRunner } from "./run";

/**
 * PostgreSQL: the server does the reading, through a cursor in one REPEATABLE READ snapshot
 * (pgSource), a batch at a time; this thread only writes each batch to the file, as the worker
 * thread does on SQLite. The export reads on a connection of its own, opened with the app pool's
 * settings and ended with the export (exportConnection: the pool stays the desks'). Stopping it
 * aborts at the next batch: the cursor is closed, the snapshot ended, the connection closed.
 */
export function pgRunner(pool: pg.Pool): ExportRunner {
  return (file, spec, events) => {
    const stop = new AbortController();
    const connection = exportConnection(pool);
    const running = runExport(stoppable(pgSource(connection), stop.signal), spec, file, (done, total) => {
      if (!stop.signal.aborted) events.progress(done, total);
    })
      .finally(() => connection.end())
      .then(
        (result) => {
          if (!stop.signal.aborted) events.done(result);
        },
        (error: unknown) => {
          if (!stop.signal.aborted) events.failed(error);
        },
      );
    return {
      stop: () => {
        stop.abort(new ExportStoppedError());
        return running;
      },
    };
  };
}

class ExportStoppedError extends Error {
  constructor() {
    super("export stopped");
    this.name = "ExportStoppedError";
  }
}
