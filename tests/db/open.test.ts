import { createHash } from "node:crypto";
import { copyFileSync, readdirSync, writeFileSync, mkdirSync, cpSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { appendAuditSync, verifyAuditSync } from "../../db/audit";
import { openDatabase, registerFunctions } from "../../db/open";
import { DatabaseFromFutureError, loadMigrations } from "../../db/migrate";
import { searchPeople } from "../../db/search";
import { MIGRATIONS_DIR, scratchDir } from "../fixtures/database";

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));
function scratch() {
  const s = scratchDir();
  cleanups.push(s.remove);
  return s.dir;
}

describe("openDatabase", () => {
  it("creates every table from an empty file and records the schema version", () => {
    const dir = scratch();
    const db = openDatabase(join(dir, "crm.sqlite"), { migrationsDir: MIGRATIONS_DIR });
    const tables = db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(["audit_log", "settings", "users"]));
    expect(db.sqlite.pragma("user_version", { simple: true })).toBe(loadMigrations(MIGRATIONS_DIR).length);
    db.close();
  });

  it("sets the pragmas every connection needs", () => {
    const dir = scratch();
    const db = openDatabase(join(dir, "crm.sqlite"), { migrationsDir: MIGRATIONS_DIR });
    expect(db.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(db.sqlite.pragma("secure_delete", { simple: true })).toBe(1);
    expect(db.sqlite.pragma("synchronous", { simple: true })).toBe(2); // FULL
    expect(db.sqlite.pragma("busy_timeout", { simple: true })).toBeGreaterThan(0);
    db.close();
  });

  it("opens an up-to-date database twice without changing it or taking a backup", () => {
    const dir = scratch();
    const file = join(dir, "crm.sqlite");
    openDatabase(file, { migrationsDir: MIGRATIONS_DIR }).close();
    const db = openDatabase(file, { migrationsDir: MIGRATIONS_DIR });
    db.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('session.idleMinutes', '20')").run();
    db.close();
    const again = openDatabase(file, { migrationsDir: MIGRATIONS_DIR });
    expect(again.sqlite.prepare("SELECT value FROM settings").pluck().get()).toBe("20");
    again.close();
    expect(() => readdirSync(join(dir, "backups"))).toThrow();
  });

  it("refuses a database written by a newer version and leaves it untouched", () => {
    const dir = scratch();
    const file = join(dir, "crm.sqlite");
    openDatabase(file, { migrationsDir: MIGRATIONS_DIR }).close();
    const raw = new Database(file);
    raw.pragma("user_version = 99");
    raw.close();
    const before = readFileSync(file);
    expect(() => openDatabase(file, { migrationsDir: MIGRATIONS_DIR })).toThrow(DatabaseFromFutureError);
    expect(() => openDatabase(file, { migrationsDir: MIGRATIONS_DIR })).toThrow(/newer version of Jet Info CRM \(schema 99/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it("copies the database to a backup before applying a new migration, with the old data in it", () => {
    const dir = scratch();
    // An "older app" that only knows the first migration.
    const oldMigrations = join(dir, "old-migrations");
    mkdirSync(join(oldMigrations, "meta"), { recursive: true });
    const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8"));
    journal.entries = journal.entries.slice(0, 1);
    writeFileSync(join(oldMigrations, "meta", "_journal.json"), JSON.stringify(journal));
    copyFileSync(join(MIGRATIONS_DIR, `${journal.entries[0].tag}.sql`), join(oldMigrations, `${journal.entries[0].tag}.sql`));

    const file = join(dir, "crm.sqlite");
    const old = openDatabase(file, { migrationsDir: oldMigrations });
    old.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('session.idleMinutes', '7')").run();
    old.close();

    const now = new Date("2026-11-25T10:00:00Z");
    const upgraded = openDatabase(file, { migrationsDir: MIGRATIONS_DIR, now: () => now });
    expect(upgraded.sqlite.pragma("user_version", { simple: true })).toBe(loadMigrations(MIGRATIONS_DIR).length);
    upgraded.close();

    const backups = readdirSync(join(dir, "backups"));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^crm-schema1-2026-11-25T10-00-00-000Z\.sqlite$/);
    const copy = new Database(join(dir, "backups", backups[0]!), { readonly: true });
    expect(copy.pragma("user_version", { simple: true })).toBe(1);
    expect(copy.prepare("SELECT value FROM settings").pluck().get()).toBe("7");
    copy.close();
  });

  it("rolls back every migration of a failed upgrade", () => {
    const dir = scratch();
    const broken = join(dir, "broken-migrations");
    cpSync(MIGRATIONS_DIR, broken, { recursive: true });
    const journal = JSON.parse(readFileSync(join(broken, "meta", "_journal.json"), "utf8"));
    journal.entries.push({ idx: journal.entries.length, version: "6", when: 0, tag: "9999_broken", breakpoints: true });
    writeFileSync(join(broken, "meta", "_journal.json"), JSON.stringify(journal));
    writeFileSync(join(broken, "9999_broken.sql"), "CREATE TABLE fine (x);\n--> statement-breakpoint\nTHIS IS NOT SQL;");
    const file = join(dir, "crm.sqlite");
    expect(() => openDatabase(file, { migrationsDir: broken })).toThrow();
    const raw = new Database(file);
    expect(raw.pragma("user_version", { simple: true })).toBe(0);
    expect(raw.prepare("SELECT count(*) FROM sqlite_master WHERE type='table' AND name IN ('fine','users')").pluck().get()).toBe(0);
    raw.close();
  });
});

/** A copy of the shipped migrations as an older app knew them: the first `count` only. */
function migrationsUpTo(dir: string, count: number): string {
  const target = join(dir, `migrations-${count}`);
  mkdirSync(join(target, "meta"), { recursive: true });
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8"));
  journal.entries = journal.entries.slice(0, count);
  writeFileSync(join(target, "meta", "_journal.json"), JSON.stringify(journal));
  for (const entry of journal.entries) copyFileSync(join(MIGRATIONS_DIR, `${entry.tag}.sql`), join(target, `${entry.tag}.sql`));
  return target;
}

describe("migrations", () => {
  // One test per migration (Signal-style): each one applies on top of the previous ones.
  for (const m of loadMigrations(MIGRATIONS_DIR)) {
    it(`${m.tag} applies on top of the ones before it`, () => {
      const raw = new Database(":memory:");
      registerFunctions(raw);
      for (const earlier of loadMigrations(MIGRATIONS_DIR).slice(0, m.version - 1)) for (const s of earlier.statements) raw.exec(s);
      expect(() => m.statements.forEach((s) => raw.exec(s))).not.toThrow();
      raw.close();
    });
  }

  it("0008 makes a report's reporter optional without losing reports, their events or their checks", () => {
    const dir = scratch();
    const file = join(dir, "crm.sqlite");
    const before = openDatabase(file, { migrationsDir: migrationsUpTo(dir, 8) });
    before.sqlite.exec(`
      INSERT INTO people (id, last_name, created_at, updated_at) VALUES (1, 'Dupont', 1, 1);
      INSERT INTO products (id, name) VALUES (1, 'Jet Compta');
      INSERT INTO error_reports (id, reference, person_id, product_id, title, severity, created_at, updated_at) VALUES (5, 'ER-2026-00005', 1, 1, 'Crash', 'high', 1, 1);
      INSERT INTO error_report_events (report_id, at, kind, text) VALUES (5, 1, 'created', ''), (5, 2, 'comment', 'Rappeler');`);
    before.close();

    const after = openDatabase(file, { migrationsDir: MIGRATIONS_DIR });
    expect(after.sqlite.prepare("SELECT reference, severity_rank, keep_for_product FROM error_reports").get()).toEqual({ reference: "ER-2026-00005", severity_rank: 2, keep_for_product: 0 });
    expect(after.sqlite.prepare("SELECT count(*) FROM error_report_events WHERE report_id = 5").pluck().get()).toBe(2);
    expect(after.sqlite.pragma("foreign_keys", { simple: true })).toBe(1);
    after.sqlite.prepare("UPDATE error_reports SET person_id = NULL WHERE id = 5").run();
    expect(() => after.sqlite.prepare("UPDATE error_reports SET title = '' WHERE id = 5").run()).toThrow(/CHECK constraint failed: error_reports_title_len/);
    expect(after.sqlite.prepare("SELECT sql FROM sqlite_master WHERE name = 'error_reports'").pluck().get()).not.toMatch(/__new/);
    after.close();
  });

  it("0011 keys the audit chain from a recorded boundary: older entries keep verifying as they were, newer ones are keyed", () => {
    const dir = scratch();
    const file = join(dir, "crm.sqlite");
    const before = openDatabase(file, { migrationsDir: migrationsUpTo(dir, 10) });
    // Three entries chained the unkeyed way, as versions before 0011 wrote them.
    let prev = "0".repeat(64);
    for (let i = 1; i <= 3; i++) {
      const hash = createHash("sha256").update(prev).update("\n").update(JSON.stringify([i, null, "session.login", null, null, "[]"])).digest("hex");
      before.sqlite.prepare("INSERT INTO audit_log (at, user_id, operation, fields, prev_hash, hash) VALUES (?, NULL, 'session.login', '[]', ?, ?)").run(i, prev, hash);
      prev = hash;
    }
    before.close();
    expect(existsSync(join(dir, "audit.key"))).toBe(false);

    const after = openDatabase(file, { migrationsDir: MIGRATIONS_DIR });
    expect(after.sqlite.prepare("SELECT unkeyed_until FROM audit_chain").pluck().get()).toBe(3);
    expect(JSON.parse(readFileSync(join(dir, "audit.key"), "utf8"))).toMatchObject({ unkeyedUntil: 3 });
    appendAuditSync(after, { at: 4, userId: null, operation: "session.logout" });
    appendAuditSync(after, { at: 5, userId: null, operation: "session.login" });
    expect(verifyAuditSync(after)).toMatchObject({ ok: true, checked: 5, unkeyed: 3, keyed: 2, problems: [] });
    expect(() => after.sqlite.prepare("INSERT OR REPLACE INTO audit_log (id, at, operation, prev_hash, hash) VALUES (2, 9, 'x', 'a', 'b')").run()).toThrow(/append-only/);
    expect(() => after.sqlite.prepare("UPDATE audit_chain SET unkeyed_until = 5").run()).toThrow(/fixed/);
    expect(() => after.sqlite.prepare("DELETE FROM audit_chain").run()).toThrow(/fixed/);
    expect(() => after.sqlite.prepare("INSERT INTO audit_chain (id, unkeyed_until) VALUES (2, 5)").run()).toThrow(/CHECK|UNIQUE/);
    after.close();

    // Opened again: the same key from audit.key, the whole chain still verifies.
    const again = openDatabase(file, { migrationsDir: MIGRATIONS_DIR });
    expect(verifyAuditSync(again)).toMatchObject({ ok: true, unkeyed: 3, keyed: 2 });
    again.close();
  });

  it("0012 indexes the names of people already there, so a short name typed whole comes first", async () => {
    const dir = scratch();
    const file = join(dir, "crm.sqlite");
    const before = openDatabase(file, { migrationsDir: migrationsUpTo(dir, 11) });
    // As 0011's app indexed them: Ng is the 30th of 30 people whose name begins with "ng".
    const add = before.sqlite.prepare("INSERT INTO people (first_name, last_name, created_at, updated_at) VALUES (?, ?, 1, 1)");
    const index = before.sqlite.prepare("INSERT INTO people_fts (rowid, name, company, emails, city) VALUES (?, ?, '', ?, '')");
    for (let i = 0; i < 30; i++) {
      const [first, last] = i === 29 ? ["Mai", "Ng"] : [`Anh${i}`, `Nguyen${i}`];
      index.run(Number(add.run(first, last).lastInsertRowid), `${first} ${last}`, `${first.toLowerCase()}@example.ch`);
    }
    before.close();

    const after = openDatabase(file, { migrationsDir: MIGRATIONS_DIR });
    expect(after.sqlite.prepare("SELECT count(*) FROM people_names_fts").pluck().get()).toBe(30);
    expect((await after.engine.transaction("read", (tx) => searchPeople(tx, "ng")))[0]).toMatchObject({ firstName: "Mai", lastName: "Ng" });
    // Names only: the address's words are not in it.
    expect(after.sqlite.prepare("SELECT count(*) FROM people_names_fts WHERE people_names_fts MATCH 'ch'").pluck().get()).toBe(0);
    after.close();
  });

  it("0001 makes the audit log append-only", () => {
    const dir = scratch();
    const db = openDatabase(join(dir, "crm.sqlite"), { migrationsDir: MIGRATIONS_DIR });
    db.sqlite.prepare("INSERT INTO audit_log (at, operation, prev_hash, hash) VALUES (1, 'x', 'a', 'b')").run();
    expect(() => db.sqlite.prepare("UPDATE audit_log SET operation = 'y'").run()).toThrow(/append-only/);
    expect(() => db.sqlite.prepare("DELETE FROM audit_log").run()).toThrow(/append-only/);
    expect(db.sqlite.prepare("SELECT operation FROM audit_log").pluck().get()).toBe("x");
    db.close();
  });
});
