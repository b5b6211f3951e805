import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "../../db/open";
import { openHost, type Host } from "../../electron/host";
import { MIGRATIONS_DIR, openTestApi, scratchDir } from "../fixtures/database";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0)) await f();
});

/**
 * `n` entries appended to the keyed chain. appendAudit costs a drizzle query per entry (minutes for
 * 150,000 on a loaded machine): the same HMAC chain is written here with one prepared statement.
 * Written wrong, it would not verify, and the tests below check that it does.
 */
function growAuditLog(db: Db, n: number, at: number): void {
  const last = db.sqlite.prepare("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").pluck().get() as string;
  const insert = db.sqlite.prepare("INSERT INTO audit_log (at, user_id, operation, entity_type, entity_id, fields, prev_hash, hash) VALUES (?, 1, 'people.get', 'person', ?, '[\"person\"]', ?, ?)");
  db.sqlite.transaction(() => {
    let prevHash = last;
    for (let i = 0; i < n; i++) {
      const content = JSON.stringify([at + i, 1, "people.get", "person", String(i), '["person"]']);
      const hash = createHmac("sha256", db.auditKey.secret).update(prevHash).update("\n").update(content).digest("hex");
      insert.run(at + i, String(i), prevHash, hash);
      prevHash = hash;
    }
  })();
}

describe("heavy reads run in worker threads, off the thread that answers every desk", () => {
  it("answers a lookup while an audit verification walks a long log, and the verification still checks every entry", async () => {
    const api = openTestApi();
    cleanups.push(api.cleanup);
    const admin = (await api.admin()).sessionId;
    await api.ok("people.create", { firstName: "Zoé", lastName: "Rochat", phones: [{ number: "022 735 33 92" }] }, admin);
    // The thread is started (and its modules loaded) first: what is raced below is the walk itself.
    expect((await api.ok("audit.verify", {}, admin)).ok).toBe(true);

    growAuditLog(api.db, 100_000, api.now());
    const entries = api.db.sqlite.prepare("SELECT count(*) FROM audit_log").pluck().get() as number;

    const answered: string[] = [];
    const verifying = api.call<any>("audit.verify", {}, admin).then((result) => {
      answered.push("audit.verify");
      return result;
    });
    // Before the worker moved it, the whole walk ran inside the dispatch call above: every lookup
    // asked after it waited for it, and its answer came first.
    for (let i = 0; i < 5; i++) {
      const found = await api.ok<any>("people.search", { q: "022 735 33 92" }, admin);
      expect(found.map((hit: any) => hit.lastName)).toEqual(["Rochat"]);
      answered.push("people.search");
    }
    const verification = await verifying;
    expect(answered).toEqual(["people.search", "people.search", "people.search", "people.search", "people.search", "audit.verify"]);
    // Every entry checked, keyed, and nothing reported; the verifications themselves are not audited.
    expect(verification).toMatchObject({ ok: true, value: { ok: true, checked: entries, problems: [] } });
  }, 120_000);

  it("refuses a job cut short by a restore, in the user's words, and runs the next one", async () => {
    const api = openTestApi();
    cleanups.push(api.cleanup);
    const admin = (await api.admin()).sessionId;
    // Nothing runs between the call and the stop: the job has been handed to its thread, not answered.
    const verifying = api.call("audit.verify", {}, admin);
    await api.workers.stop("restoring");
    expect(await verifying).toMatchObject({ ok: false, error: { code: "CONFLICT", reason: "interrupted_by_restore", message: expect.stringContaining("restauration") } });
    expect(await api.call("exports.preview", { recordSet: "people" }, admin)).toMatchObject({ ok: false, error: { reason: "interrupted_by_restore" } });
    api.workers.resume();
    expect(await api.ok("exports.preview", { recordSet: "people" }, admin)).toMatchObject({ total: 0 });
  });

  it("previews the restored database after a restore, not the file it replaced", async () => {
    const scratch = scratchDir();
    const host: Host = openHost({ dataDir: scratch.dir, migrationsDir: MIGRATIONS_DIR, appVersion: "9.9.9", scheduleBackups: false });
    cleanups.push(async () => {
      await host.whenIdle();
      host.close();
      scratch.remove();
    });
    const ok = async <T = any>(name: string, input: unknown, sessionId?: string): Promise<T> => {
      const result = await host.dispatcher.dispatch(name, input, { sessionId });
      if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
      return result.value as T;
    };
    const credentials = { username: "admin", password: "correct horse battery" };
    const admin = (await ok<{ sessionId: string }>("setup.createAdmin", { ...credentials, displayName: "Anne Admin" })).sessionId;
    await ok("people.create", { firstName: "Jean", lastName: "Avant" }, admin);
    const made = await ok<{ name: string }>("backups.create", {}, admin);
    await ok("people.create", { firstName: "Paul", lastName: "Après" }, admin);
    const lastNames = (preview: { columns: { key: string }[]; rows: unknown[][] }) => {
      const column = preview.columns.findIndex((c) => c.key === "lastName");
      return preview.rows.map((row) => row[column]).sort();
    };
    // A worker's connection is open on the file when the restore starts.
    const before = await ok<any>("exports.preview", { recordSet: "people" }, admin);
    expect([before.total, lastNames(before)]).toEqual([2, ["Après", "Avant"]]);

    await ok("backups.restore", { name: made.name }, admin);
    const again = (await ok<{ sessionId: string }>("session.login", credentials)).sessionId;
    const after = await ok<any>("exports.preview", { recordSet: "people" }, again);
    expect([after.total, lastNames(after)]).toEqual([1, ["Avant"]]);
    // The preview is audited in the restored database, after the worker answered.
    const audit = await ok<any>("audit.list", { operation: "exports.preview" }, again);
    expect(audit.rows).toMatchObject([{ operation: "exports.preview", entityId: "people", userId: 1 }]);
  });
});
