import { sql } from "drizzle-orm";
import type { Dialect, Writes } from "../../db/engine";
import { legacyDb } from "../../db/transition";

/**
 * An audited read runs in a write transaction (for its audit entry) refusing writes until then:
 * the `ReadableDb`/`Reads` types stop a read-only handler from calling a writing function, and this
 * stops raw SQL from doing what the types cannot see. (A plain read's transaction refuses writes by
 * itself: the engine's "read" mode.)
 */
export async function readOnly<T>(tx: Writes, read: () => T): Promise<Awaited<T>> {
  const refuse = REFUSE_WRITES[tx.dialect];
  await refuse.on(tx);
  let result: Awaited<T>;
  try {
    result = await read();
  } catch (error) {
    // The read's own error is the one to report, not a failure to lift the refusal after it.
    await refuse.off(tx).catch(() => undefined);
    throw error;
  }
  await refuse.off(tx);
  return result;
}

/** Refusing writes for a while inside a write transaction: each engine has its own switch. */
const REFUSE_WRITES: Record<Dialect, { on(tx: Writes): Promise<void>; off(tx: Writes): Promise<void> }> = {
  // The connection's query_only, through pragma() each time, not the engine's cached statements:
  // a flag pragma applies when prepared (why, and what it costs, in db/sqlite-engine.ts).
  sqlite: {
    on: async (tx) => void legacyDb(tx).sqlite.pragma("query_only = ON"),
    off: async (tx) => void legacyDb(tx).sqlite.pragma("query_only = OFF"),
  },
  // A transaction can be made READ ONLY at any point but never read-write again; inside a
  // savepoint, rolling back to it (the read wrote nothing to keep) undoes the switch too.
  pg: {
    on: async (tx) => {
      await tx.run(sql`SAVEPOINT audited_read`);
      await tx.run(sql`SET TRANSACTION READ ONLY`);
    },
    off: async (tx) => {
      await tx.run(sql`ROLLBACK TO SAVEPOINT audited_read`);
      await tx.run(sql`RELEASE SAVEPOINT audited_read`);
    },
  },
};
