import { sqliteOnly } from "../../db/served";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { verifyAuditSync } from "../../db/audit";
import { AppError } from "../../db/errors";
import type { Writes } from "../../db/engine";
import { createDispatcher } from "../../electron/api/dispatcher";
import { op, type Operation } from "../../electron/api/operation";
import { openTestApi, openTestDb } from "../fixtures/database";

// Every operation runs in one engine transaction (db/engine.ts), its handler awaited: concurrent
// requests take turns on the connection, an async handler's work commits or rolls back as one.

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

const LETTERS = "abcdefghijklmnopqrst";

describe("the dispatcher's transactions", () => {
  it("keeps the audit chain valid under 20 concurrent writes, and a version clash still gives CONFLICT", async () => {
    const api = openTestApi();
    cleanups.push(api.cleanup);
    const { sessionId } = await api.admin();
    const agent = await api.loginAs("agent", sessionId);

    const created = await Promise.all(Array.from({ length: 20 }, (_, i) => api.call<{ id: number; version: number }>("people.create", { firstName: "Anne", lastName: `Concurrent${LETTERS[i]}` }, agent)));
    expect(created.map((result) => result.ok)).toEqual(Array(20).fill(true));

    // Two desks save the same card, both from the version they opened.
    const person = created[0]!.ok ? created[0]!.value : undefined;
    const saves = await Promise.all(
      ["Premier", "Second"].map((lastName) => api.call("people.update", { id: person!.id, version: person!.version, lastName }, agent)),
    );
    expect(saves.filter((save) => save.ok)).toHaveLength(1);
    expect(saves.filter((save) => !save.ok)).toMatchObject([{ ok: false, error: { code: "CONFLICT", field: "version" } }]);

    expect(verifyAuditSync(api.db)).toMatchObject({ ok: true, problems: [] });
    const entries = api.db.sqlite.prepare("SELECT operation, count(*) AS n FROM audit_log WHERE operation LIKE 'people.%' GROUP BY operation ORDER BY operation").all();
    expect(entries).toEqual([
      { operation: "people.create", n: 20 },
      { operation: "people.update", n: 1 },
    ]);
    expect(api.logged).toEqual([]);
  });

  it("serialises async handlers that read then write: 20 concurrent increments end at 20, each audited", async () => {
    const db = openTestDb();
    cleanups.push(db.cleanup);
    db.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('test.counter', '0')").run();
    const registry = {
      "test.increment": op({
        input: z.strictObject({}),
        roles: "public",
        mutates: true,
        handler: async (ctx) => {
          const row = await ctx.tx.one<{ value: string }>(sql`SELECT value FROM settings WHERE key = ${"test.counter"}`);
          // Another await between the read and the write: room for another request, if it could get in.
          await ctx.tx.one(sql`SELECT count(*) AS "n" FROM audit_log`);
          await ctx.tx.run(sql`UPDATE settings SET value = ${String(Number(row!.value) + 1)} WHERE key = ${"test.counter"}`);
          return { done: true };
        },
        audit: { entity: "settings" },
      }),
    };
    const { dispatch } = createDispatcher(registry as unknown as Record<string, Operation>, { db });
    const results = await Promise.all(Array.from({ length: 20 }, () => dispatch("test.increment", {})));
    expect(results).toEqual(Array(20).fill({ ok: true, value: { done: true } }));
    expect(db.sqlite.prepare("SELECT value FROM settings WHERE key = 'test.counter'").pluck().get()).toBe("20");
    expect(verifyAuditSync(db)).toMatchObject({ ok: true, problems: [], checked: 20 });
  });

  it("rolls back all of an async handler's work when it fails after an await, and writes no audit entry", async () => {
    const db = openTestDb();
    cleanups.push(db.cleanup);
    const registry = {
      "test.asyncHalfWrite": op({
        input: z.strictObject({ fail: z.boolean() }),
        roles: "public",
        mutates: true,
        handler: async (ctx, input) => {
          await ctx.tx.run(sql`INSERT INTO settings (key, value) VALUES (${"test.through-engine"}, ${"1"})`);
          // The domain modules not yet moved to the engine write through the same connection: same transaction.
          sqliteOnly(ctx.db).sqlite.prepare("INSERT INTO settings (key, value) VALUES ('test.direct', '1')").run();
          await ctx.tx.one(sql`SELECT count(*) AS "n" FROM settings`);
          if (input.fail) throw new AppError("CONFLICT", "stale", {}, "version");
          return { saved: true };
        },
        audit: { entity: "settings" },
      }),
    };
    const { dispatch } = createDispatcher(registry as unknown as Record<string, Operation>, { db });
    const keys = () => db.sqlite.prepare("SELECT key FROM settings WHERE key LIKE 'test.%' ORDER BY key").pluck().all();
    const auditEntries = () => db.sqlite.prepare("SELECT count(*) FROM audit_log").pluck().get();

    expect(await dispatch("test.asyncHalfWrite", { fail: true })).toMatchObject({ ok: false, error: { code: "CONFLICT", reason: "stale", field: "version" } });
    expect(keys()).toEqual([]);
    expect(auditEntries()).toBe(0);

    expect(await dispatch("test.asyncHalfWrite", { fail: false })).toEqual({ ok: true, value: { saved: true } });
    expect(keys()).toEqual(["test.direct", "test.through-engine"]);
    expect(auditEntries()).toBe(1);
  });

  it("refuses a write through the transaction of an operation that only reads", async () => {
    const db = openTestDb();
    cleanups.push(db.cleanup);
    const logged: unknown[] = [];
    const registry = {
      "test.sneakyAsyncWrite": op({
        input: z.strictObject({}),
        roles: "public",
        mutates: false,
        // A read's `tx` is typed `Reads` (no `run`); the cast is what the engine must still refuse.
        handler: async (ctx) => (ctx.tx as unknown as Writes).run(sql`INSERT INTO settings (key, value) VALUES (${"test.sneaky"}, ${"1"})`),
      }),
    };
    const { dispatch } = createDispatcher(registry as unknown as Record<string, Operation>, { db, logError: (_incident, _name, error) => logged.push(error) });
    expect(await dispatch("test.sneakyAsyncWrite", {})).toMatchObject({ ok: false, error: { code: "INTERNAL" } });
    expect(logged).toHaveLength(1);
    expect(db.sqlite.prepare("SELECT count(*) FROM settings WHERE key = 'test.sneaky'").pluck().get()).toBe(0);
  });

  it("fails loudly, and keeps nothing, when a handler's transaction waits for a timer", async () => {
    const db = openTestDb();
    cleanups.push(db.cleanup);
    const logged: unknown[] = [];
    const registry = {
      "test.waitsInside": op({
        input: z.strictObject({}),
        roles: "public",
        mutates: true,
        handler: async (ctx) => {
          await ctx.tx.run(sql`INSERT INTO settings (key, value) VALUES (${"test.waited"}, ${"1"})`);
          await new Promise((resolve) => setTimeout(resolve, 5));
          return { done: true };
        },
      }),
    };
    const { dispatch } = createDispatcher(registry as unknown as Record<string, Operation>, { db, logError: (_incident, _name, error) => logged.push(error) });
    expect(await dispatch("test.waitsInside", {})).toMatchObject({ ok: false, error: { code: "INTERNAL", reason: "internal" } });
    expect(logged).toMatchObject([{ name: "TransactionSpannedError" }]);
    expect(db.sqlite.prepare("SELECT count(*) FROM settings WHERE key = 'test.waited'").pluck().get()).toBe(0);
  });
});
