import { sqliteOnly } from "../../db/served";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createDispatcher } from "../../electron/api/dispatcher";
import { op, type Operation } from "../../electron/api/operation";
import { listBackups } from "../../db/backups";
import { backupDue, openHost, type Host } from "../../electron/host";
import { MIGRATIONS_DIR, openTestDb, scratchDir } from "../fixtures/database";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0)) await f();
});

async function start(options: { scheduleBackups?: boolean } = {}) {
  const scratch = scratchDir();
  const host: Host = openHost({ dataDir: scratch.dir, migrationsDir: MIGRATIONS_DIR, appVersion: "9.9.9", ...options });
  cleanups.push(async () => {
    await host.whenIdle();
    host.close();
    scratch.remove();
  });
  const call = async <T = any>(name: string, input: unknown, sessionId?: string) =>
    host.dispatcher.dispatch(name, input, { sessionId }) as Promise<{ ok: true; value: T } | { ok: false; error: { code: string; field?: string; reason?: string; message: string } }>;
  const ok = async <T = any>(name: string, input: unknown, sessionId?: string): Promise<T> => {
    const result = await call<T>(name, input, sessionId);
    if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
    return result.value;
  };
  const admin = (await ok<{ sessionId: string }>("setup.createAdmin", { username: "admin", displayName: "Anne Admin", password: "correct horse battery" })).sessionId;
  return { host, call, ok, admin, dataDir: scratch.dir };
}

describe("backups through the API", () => {
  it("takes an automatic backup at start-up", async () => {
    const { host, ok, admin } = await start();
    await host.whenIdle();
    const list = await ok<any>("backups.list", {}, admin);
    expect(list.backups.map((b: any) => b.kind)).toEqual(["auto"]);
    expect(list.folder).toBe(join(host.dataDir, "backups"));
    expect(list).toMatchObject({ keep: 30, retentionDays: 30, intervalHours: 4 });
  });

  it("backs up now, restores it, ends every session and records the restore in the restored database", async () => {
    const { call, ok, admin } = await start({ scheduleBackups: false });
    const agent = await ok<any>("users.create", { username: "agent1", displayName: "Agent", role: "agent", password: "password-1234" }, admin);
    const agentSession = (await ok<any>("session.login", { username: "agent1", password: "password-1234" })).sessionId;
    const kept = await ok<any>("people.create", { firstName: "Jean", lastName: "Avant" }, agentSession);

    const made = await ok<any>("backups.create", {}, admin);
    expect(made).toMatchObject({ kind: "manual", schemaVersion: expect.any(Number) });
    const listed = await ok<any>("backups.list", {}, admin);
    expect(listed.backups[0]).toMatchObject({ name: made.name, kind: "manual", bytes: made.bytes });

    const later = await ok<any>("people.create", { firstName: "Paul", lastName: "Après" }, agentSession);
    const restored = await ok<any>("backups.restore", { name: made.name }, admin);
    expect(restored).toMatchObject({ restored: made.name, safetyCopy: expect.stringMatching(/before-restore\.sqlite$/) });

    // Everyone logs in again: the restored file has its own accounts.
    expect(await call("people.get", { id: kept.id }, agentSession)).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    expect(await call("backups.list", {}, admin)).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    const again = (await ok<any>("session.login", { username: "admin", password: "correct horse battery" })).sessionId;
    expect(await ok<any>("people.get", { id: kept.id }, again)).toMatchObject({ lastName: "Avant" });
    expect(await call("people.get", { id: later.id }, again)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });

    const audit = await ok<any>("audit.list", { operation: "backups.restore" }, again);
    expect(audit.rows).toMatchObject([{ operation: "backups.restore", entityType: "backup", entityId: made.name, userId: 1 }]);
    expect(await ok<any>("audit.verify", {}, again)).toMatchObject({ ok: true });
    expect(agent.id).toBeGreaterThan(1);
  });

  it("refuses names outside the backup folder and files that are not backups", async () => {
    const { call, admin, dataDir } = await start({ scheduleBackups: false });
    for (const name of ["../jetinfo-crm.sqlite", "/etc/passwd", "..\\jetinfo-crm.sqlite", "backups/../../x.sqlite"]) {
      expect(await call("backups.restore", { name }, admin), name).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "name" } });
    }
    expect(existsSync(join(dataDir, "jetinfo-crm.sqlite"))).toBe(true);
    expect(await call("backups.restore", { name: "jetinfo-crm.sqlite" }, admin)).toMatchObject({ ok: false, error: { code: "NOT_FOUND", field: "name", reason: "backup_not_found" } });
  });

  it("refuses to restore the start-up backup taken before any account existed, so first-run setup never reopens", async () => {
    const scratch = scratchDir();
    const host = openHost({ dataDir: scratch.dir, migrationsDir: MIGRATIONS_DIR });
    cleanups.push(async () => {
      await host.whenIdle();
      host.close();
      scratch.remove();
    });
    await host.whenIdle(); // the start-up backup, taken before setup
    const [beforeSetup] = listBackups(join(scratch.dir, "backups"));
    expect(beforeSetup).toMatchObject({ kind: "auto" });
    const setup = await host.dispatcher.dispatch("setup.createAdmin", { username: "admin", displayName: "Anne Admin", password: "correct horse battery" });
    const admin = (setup as { value: { sessionId: string } }).value.sessionId;

    const refused = await host.dispatcher.dispatch("backups.restore", { name: beforeSetup!.name }, { sessionId: admin });
    expect(refused).toMatchObject({ ok: false, error: { code: "VALIDATION", field: "name", reason: "backup_no_admin", message: expect.stringContaining("administrateur") } });
    // Nothing changed: the administrator is still logged in and setup stays closed.
    expect(await host.dispatcher.dispatch("backups.list", {}, { sessionId: admin })).toMatchObject({ ok: true });
    expect(await host.dispatcher.dispatch("setup.createAdmin", { username: "intruder", displayName: "X", password: "correct horse battery" })).toMatchObject({ ok: false });
    expect(host.db.sqlite.prepare("SELECT username FROM users").pluck().all()).toEqual(["admin"]);
  });

  it("logs a backup cut short by closing as abandoned (or finished, when only its check was left), never as a failure, and leaves no partial copy", async () => {
    const scratch = scratchDir();
    cleanups.push(scratch.remove);
    const host = openHost({ dataDir: scratch.dir, migrationsDir: MIGRATIONS_DIR });
    const folder = join(scratch.dir, "backups");
    // Closed while the start-up backup's partial copy exists: during the copy (abandoned) or while
    // another connection checks it (the check ends and the copy is kept); which one is timing.
    await vi.waitFor(() => expect(existsSync(folder) && readdirSync(folder).some((name) => name.endsWith(".partial"))).toBe(true), { timeout: 10_000, interval: 1 });
    host.close();
    await host.whenIdle();
    const log = readFileSync(join(scratch.dir, "logs", "jetinfo-crm.log"), "utf8");
    expect(log).toMatch(/INFO backup\.(abandoned|created) kind=auto/);
    expect(log).not.toMatch(/ERROR|WARN/);
    expect(readdirSync(folder).filter((name) => name.includes(".partial"))).toEqual([]);
  });

  it("is for administrators only", async () => {
    const { call, ok, admin } = await start({ scheduleBackups: false });
    await ok("users.create", { username: "boss", displayName: "Manager", role: "manager", password: "password-1234" }, admin);
    const manager = (await ok<any>("session.login", { username: "boss", password: "password-1234" })).sessionId;
    for (const name of ["backups.list", "backups.create", "backups.restore", "diagnostics.get", "diagnostics.integrityCheck"]) {
      expect(await call(name, {}, manager), name).toMatchObject({ ok: false, error: { code: "FORBIDDEN" } });
    }
  });
});

describe("diagnostics", () => {
  it("tells the versions, the size, the last backup and where the logs are, and checks integrity", async () => {
    const { host, ok, admin } = await start();
    await host.whenIdle();
    const info = await ok<any>("diagnostics.get", {}, admin);
    expect(info).toMatchObject({ appVersion: "9.9.9", schemaVersion: host.control.appSchemaVersion, logFolder: join(host.dataDir, "logs") });
    expect(info.databaseBytes).toBeGreaterThan(10_000);
    expect(info.lastBackup).toMatchObject({ kind: "auto" });
    expect(readdirSync(info.logFolder)).toContain("jetinfo-crm.log");
    expect(await ok<any>("diagnostics.integrityCheck", {}, admin)).toMatchObject({ ok: true, problems: [], foreignKeyProblems: 0 });

    // A phone whose person does not exist (written with the checks off, as a damaged file would hold it).
    host.db.sqlite.pragma("foreign_keys = OFF");
    host.db.sqlite.prepare("INSERT INTO phones (person_id, e164, digits_reversed, kind, is_primary) VALUES (999, '+41227353392', '2933537221', 'work', 1)").run();
    host.db.sqlite.pragma("foreign_keys = ON");
    expect(await ok<any>("diagnostics.integrityCheck", {}, admin)).toMatchObject({ ok: false, foreignKeyProblems: 1 });
  });

  it("decides when the periodic backup is due", () => {
    const now = Date.UTC(2026, 10, 25, 12);
    expect(backupDue(undefined, 4, now)).toBe(true);
    expect(backupDue(now - 3.9 * 3_600_000, 4, now)).toBe(false);
    expect(backupDue(now - 4 * 3_600_000, 4, now)).toBe(true);
  });
});

describe("dispatcher with a replaceable database", () => {
  it("serves each call from the database open at that moment and audits a detached job where it ends", async () => {
    const first = openTestDb();
    const second = openTestDb();
    cleanups.push(first.cleanup, second.cleanup);
    let current = first;
    const testRegistry = {
      "test.where": op({ input: z.strictObject({}), roles: "public", mutates: false, handler: (ctx) => sqliteOnly(ctx.db).file }),
      "test.swap": op({
        input: z.strictObject({}),
        roles: "public",
        mutates: true,
        detached: true,
        handler: async () => {
          await new Promise((done) => setTimeout(done, 1));
          current = second;
          return { swapped: true };
        },
        audit: { entity: "test" },
      }),
    };
    const { dispatch } = createDispatcher(testRegistry as unknown as Record<string, Operation>, { db: () => current });
    expect(await dispatch("test.where", {})).toEqual({ ok: true, value: first.file });
    expect(await dispatch("test.swap", {})).toEqual({ ok: true, value: { swapped: true } });
    expect(await dispatch("test.where", {})).toEqual({ ok: true, value: second.file });
    const audited = (db: typeof first) => db.sqlite.prepare("SELECT operation FROM audit_log").pluck().all();
    expect(audited(first)).toEqual([]);
    expect(audited(second)).toEqual(["test.swap"]);
  });
});
