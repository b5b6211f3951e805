import pg from "pg";

/**
 * VACUUM of the tables an erasure emptied, right after its commit (issue 16, point 6): it makes the
 * dead rows' space reusable at once, so new rows overwrite the erased bytes sooner. It cannot run
 * inside a transaction, hence a connection of its own.
 *
 * On PostgreSQL 15 only a table's owner (or a superuser) may vacuum it, and for anyone else the
 * server does not fail: it warns "skipping …" and does nothing. The server's everyday role owns no
 * table (db/pg/migrations/0002_app_role.sql), so this takes the owner's connection (the one that
 * migrates), and a skip is turned into an error: a vacuum that did not happen is never reported done.
 *
 * What it does not do, and the erasure's confirmation says: the bytes of an erased row stay in the
 * table's free space until overwritten (VACUUM FULL rewrites the table, but locks it: 25 s on 1M
 * people here, not during working hours), and in WAL segments, base backups and WAL archives until
 * their retention ends.
 */
export async function vacuumTables(owner: pg.Pool, tables: readonly string[]): Promise<{ tables: number; ms: number }> {
  if (tables.length === 0) return { tables: 0, ms: 0 };
  const started = performance.now();
  const client = await owner.connect();
  const skipped: string[] = [];
  const heard = (notice: { code?: string; message?: string }) => {
    // SQLSTATE 42501 (insufficient_privilege) on a WARNING: "skipping "people" --- only table or database owner can vacuum it".
    if (notice.code === "42501" || /skipping/i.test(notice.message ?? "")) skipped.push(notice.message ?? "skipped");
  };
  client.on("notice", heard);
  try {
    // One statement for all of them (a VACUUM per table is one round trip each).
    await client.query(`VACUUM (ANALYZE) ${tables.map((table) => pg.escapeIdentifier(table)).join(", ")}`);
  } finally {
    client.off("notice", heard);
    client.release();
  }
  if (skipped.length > 0) throw new VacuumSkippedError(skipped);
  return { tables: tables.length, ms: Math.round(performance.now() - started) };
}

/** PostgreSQL skipped tables the connection does not own. */
export class VacuumSkippedError extends Error {
  constructor(readonly notices: string[]) {
    super(`VACUUM skipped ${notices.length} table(s): the connection does not own them (on PostgreSQL 15 only the tables' owner may vacuum). ${notices[0]}`);
    this.name = "VacuumSkippedError";
  }
}
