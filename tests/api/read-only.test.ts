import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { readOnly } from "../../electron/api/read-only";
import { ENGINES, freshEngines } from "../fixtures/engines";

// An audited read runs in a write transaction (its audit entry is a write) and must not write before
// that entry, whatever raw SQL it runs: the dispatcher wraps its handler in readOnly().

const fresh = freshEngines();

const count = sql`SELECT count(*) AS n FROM settings`;

describe.each(ENGINES)("an audited read on %s", (kind) => {
  it("reads, is refused a write, and the transaction writes again afterwards", async () => {
    const t = await fresh(kind);
    const seen = await t.engine.transaction("write", async (tx) => {
      await tx.run(sql`INSERT INTO settings (key, value) VALUES ('before', '1')`);
      const read = await readOnly(tx, () => tx.one<{ n: number }>(count));
      // The audit entry's place: writing is allowed again, in the same transaction.
      await tx.run(sql`INSERT INTO settings (key, value) VALUES ('after', '2')`);
      return read;
    });
    expect(seen).toEqual({ n: 1 });
    expect(await t.engine.transaction("read", (tx) => tx.one(count))).toEqual({ n: 2 });
  });

  it("refuses a write hidden in raw SQL, and the operation fails with nothing written", async () => {
    const t = await fresh(kind);
    await expect(
      t.engine.transaction("write", async (tx) => {
        await tx.run(sql`INSERT INTO settings (key, value) VALUES ('before', '1')`);
        await readOnly(tx, () => tx.one(sql`INSERT INTO settings (key, value) VALUES ('sneaked', '2') RETURNING key`));
      }),
    ).rejects.toThrow(/read.?only/i);
    expect(await t.engine.transaction("read", (tx) => tx.one(count))).toEqual({ n: 0 });
  });

  it("lets the transaction write again after a read that failed and was caught", async () => {
    const t = await fresh(kind);
    await t.engine.transaction("write", async (tx) => {
      await expect(readOnly(tx, () => tx.run(sql`DELETE FROM settings`))).rejects.toThrow(/read.?only/i);
      await tx.run(sql`INSERT INTO settings (key, value) VALUES ('after', '2')`);
    });
    expect(await t.engine.transaction("read", (tx) => tx.one(count))).toEqual({ n: 1 });
  });
});
