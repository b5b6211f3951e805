import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { statement } from "../../db/statements";
import { legacyDb, syncAll, syncOne, syncRun } from "../../db/transition";
import { openTestDb } from "../fixtures/database";

// The bridge between domain functions already on the engine (async, `tx`) and those not yet moved
// (synchronous, the SQLite database): both run inside the one transaction the dispatcher opened.

const opened: ReturnType<typeof openTestDb>[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.cleanup();
});

describe("the move to the engine", () => {
  it("runs a function not yet moved inside the caller's transaction: rolled back with it", async () => {
    const db = openTestDb();
    opened.push(db);
    await expect(
      db.engine.transaction("write", async (tx) => {
        await tx.run(sql`INSERT INTO settings (key, value) VALUES (${"moved"}, ${"1"})`);
        syncRun(legacyDb(tx), sql`INSERT INTO settings (key, value) VALUES (${"not yet moved"}, ${"2"})`);
        expect(syncAll(legacyDb(tx), sql`SELECT key FROM settings ORDER BY key`)).toEqual([{ key: "moved" }, { key: "not yet moved" }]);
        throw new Error("the operation fails after both");
      }),
    ).rejects.toThrow("the operation fails after both");
    expect(syncOne(db, sql`SELECT count(*) AS n FROM settings`)).toEqual({ n: 0 });
  });

  it("reads through the read transaction's read-only connection, which refuses a write", async () => {
    const db = openTestDb();
    opened.push(db);
    syncRun(db, sql`INSERT INTO settings (key, value) VALUES (${"k"}, ${"'; DROP TABLE settings; --"})`);
    const value = await db.engine.transaction("read", async (tx) => {
      expect(() => syncRun(legacyDb(tx) as typeof db, sql`DELETE FROM settings`)).toThrow(/readonly/i);
      return syncOne<{ value: string }>(legacyDb(tx), sql`SELECT value FROM settings WHERE key = ${"k"}`)?.value;
    });
    expect(value).toBe("'; DROP TABLE settings; --");
  });

  it("gives a plucking statement's rows whole when the same text comes back through the bridge", () => {
    const db = openTestDb();
    opened.push(db);
    syncRun(db, sql`INSERT INTO settings (key, value) VALUES (${"a"}, ${"1"})`);
    expect(statement(db, "SELECT key FROM settings").pluck().get()).toBe("a");
    expect(syncOne(db, sql`SELECT key FROM settings`)).toEqual({ key: "a" });
  });
});
