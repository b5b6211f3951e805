import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import {
  backupFolder,
  backupPath,
  backupsHeldUntil,
  createBackup,
  listBackups,
  parseBackupName,
  restoreBackup,
  rotateBackups,
} from "../../db/backups";
import { AppError } from "../../db/errors";
import { loadMigrations } from "../../db/migrate";
import { openDatabase, type Db } from "../../db/open";
import { setSettingSync } from "../../db/settings";
import { createUserSync } from "../../db/users";
import { MIGRATIONS_DIR, openTestDb } from "../fixtures/database";
import { generatePeople } from "../fixtures/people-generator";
import { generateReports } from "../fixtures/reports-generator";

const NOW = Date.UTC(2026, 10, 25, 9, 0, 0);
const DAY = 86_400_000;
const APP_SCHEMA = loadMigrations(MIGRATIONS_DIR).length;

let db: ReturnType<typeof openTestDb>;
let current: Db;
afterEach(() => {
  try {
    current?.close();
  } catch {
    // Already closed by the test.
  }
  db?.cleanup();
});

function seeded() {
  db = openTestDb();
  current = db;
  generatePeople(db, { people: 300, seed: 7, interactionsPerPerson: 1, now: NOW });
  generateReports(db, { reports: 80, seed: 3, now: NOW });
  // A desk in use has its administrator (a copy without one is refused on restore).
  createUserSync(db, { username: "admin", displayName: "Anne Admin", role: "admin", password: "correct horse battery" }, NOW);
  return db;
}

/** Every table's rows, in rowid order, hashed; and the row count per table. */
function contents(target: Db): { counts: Record<string, number>; hash: string } {
  const tables = target.sqlite
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")
    .pluck()
    .all() as string[];
  const hash = createHash("sha256");
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const rows = target.sqlite.prepare(`SELECT * FROM "${table}"`).raw().all();
    counts[table] = rows.length;
    hash.update(table).update(JSON.stringify(rows, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : Buffer.isBuffer(v) ? v.toString("hex") : v)));
  }
  return { counts, hash: hash.digest("hex") };
}

/** The bytes a user would copy: the database file and its WAL. */
function fileHash(file: string): string {
  const hash = createHash("sha256").update(readFileSync(file));
  if (existsSync(`${file}-wal`)) hash.update(readFileSync(`${file}-wal`));
  return hash.digest("hex");
}

const reopen = (file: string) => openDatabase(file, { migrationsDir: MIGRATIONS_DIR });

describe("backups", () => {
  it("restores exactly what was backed up: same row counts and content hash, WAL included", async () => {
    seeded();
    const folder = backupFolder(db);
    const before = contents(db);
    expect(before.counts.people).toBe(300);
    expect(before.counts.error_reports).toBe(80);

    const made = await createBackup(db, { folder, kind: "manual", now: NOW });
    expect(made).toMatchObject({ kind: "manual", at: NOW, schemaVersion: APP_SCHEMA });
    expect(made.bytes).toBeGreaterThan(100_000);
    expect(listBackups(folder)).toEqual([{ name: made.name, kind: "manual", at: NOW, bytes: made.bytes }]);
    // The copy stands alone: a single file, no WAL beside it.
    expect(existsSync(join(folder, `${made.name}-wal`))).toBe(false);

    // Work after the backup, left in the WAL (not checkpointed) so a careless restore would replay it.
    db.sqlite.prepare("DELETE FROM interactions WHERE person_id <= 50").run();
    db.sqlite.prepare("UPDATE people SET last_name = 'Changed' WHERE id <= 20").run();
    expect(existsSync(`${db.file}-wal`)).toBe(true);
    const changed = contents(db);
    expect(changed.hash).not.toBe(before.hash);

    const restored = await restoreBackup(db, join(folder, made.name), { folder, appSchemaVersion: APP_SCHEMA, now: NOW + 60_000, reopen });
    current = restored.db;
    expect(contents(restored.db)).toEqual(before);
    expect(restored.db.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(restored.db.sqlite.pragma("journal_mode", { simple: true })).toBe("wal");

    // The database as it was before the restore was kept, and holds the later work.
    const safety = listBackups(folder).find((b) => b.kind === "before-restore");
    expect(safety?.name).toBe(restored.safetyCopy.name);
    const copy = reopen(join(folder, restored.safetyCopy.name));
    expect(contents(copy)).toEqual(changed);
    copy.close();
  });

  it("refuses a file that is not SQLite, a damaged one and one from a newer schema, leaving the database byte for byte", async () => {
    seeded();
    const folder = backupFolder(db);
    const good = await createBackup(db, { folder, kind: "manual", now: NOW });
    db.sqlite.prepare("UPDATE people SET first_name = 'Pending' WHERE id = 1").run(); // something in the WAL
    const fingerprint = fileHash(db.file);
    const restore = (file: string) => restoreBackup(db, file, { folder, appSchemaVersion: APP_SCHEMA, now: NOW + 1000, reopen });

    const text = join(folder, "jetinfo-crm-backup-2026-11-24T090000.000Z-manual.sqlite");
    writeFileSync(text, "name;phone\nJean Dupont;+41227353392\n");
    await expect(restore(text)).rejects.toMatchObject({ code: "VALIDATION", reason: "backup_not_sqlite" });

    const damaged = join(folder, "damaged.sqlite");
    writeFileSync(damaged, readFileSync(join(folder, good.name)));
    const fd = openSync(damaged, "r+");
    // Pages in the middle of the file overwritten: the header still says SQLite.
    writeSync(fd, Buffer.alloc(16_384, 0x5a), 0, 16_384, 40_960);
    closeSync(fd);
    await expect(restore(damaged)).rejects.toMatchObject({ code: "VALIDATION", reason: "backup_corrupt" });

    const future = join(folder, "future.sqlite");
    writeFileSync(future, readFileSync(join(folder, good.name)));
    const newer = new Database(future);
    newer.pragma(`user_version = ${APP_SCHEMA + 1}`);
    newer.close();
    await expect(restore(future)).rejects.toMatchObject({ code: "VALIDATION", reason: "backup_from_future" });

    const empty = join(folder, "empty.sqlite");
    new Database(empty).exec("CREATE TABLE t (x)");
    await expect(restore(empty)).rejects.toMatchObject({ code: "VALIDATION", reason: "backup_not_crm" });

    expect(fileHash(db.file)).toBe(fingerprint);
    // Still the open, working database, with no copy taken and no staging file left behind.
    expect(db.sqlite.prepare("SELECT first_name FROM people WHERE id = 1").pluck().get()).toBe("Pending");
    expect(listBackups(folder).map((b) => b.kind)).toEqual(["manual", "manual"]);
    expect(existsSync(`${db.file}.restoring`)).toBe(false);
  });

  it("keeps the newest N automatic backups and deletes every backup past the retention period", () => {
    db = openTestDb();
    current = db;
    const folder = backupFolder(db);
    const name = (daysAgo: number, kind: string) => `jetinfo-crm-backup-${new Date(NOW - daysAgo * DAY).toISOString().slice(0, 10)}T090000.000Z-${kind}.sqlite`;
    const files = [
      name(0, "auto"),
      name(1, "auto"),
      name(2, "auto"),
      name(3, "auto"), // beyond keep = 3
      name(4, "auto"), // beyond keep = 3
      name(5, "manual"), // manual ones do not count towards keep
      name(29, "before-restore"),
      name(31, "manual"), // past 30 days
      name(40, "before-restore"), // past 30 days
      `crm-schema7-${new Date(NOW - 45 * DAY).toISOString().slice(0, 10)}T09-00-00-000Z.sqlite`, // upgrade copy, past 30 days
      "notes.txt", // not a backup: never touched
    ];
    mkdirSync(folder, { recursive: true });
    for (const file of files) writeFileSync(join(folder, file), "x");

    const deleted = rotateBackups(folder, { keep: 3, retentionDays: 30, now: NOW });
    expect(deleted.sort()).toEqual([files[3], files[4], files[7], files[8], files[9]].sort());
    expect(listBackups(folder).map((b) => b.name)).toEqual([files[0], files[1], files[2], files[5], files[6]]);
    expect(existsSync(join(folder, "notes.txt"))).toBe(true);
  });

  it("says until when erased data may remain in backups", () => {
    expect(backupsHeldUntil(30, NOW)).toBe(NOW + 30 * DAY);
  });

  it("reads dates from names and takes the folder from the setting", () => {
    db = openTestDb();
    current = db;
    expect(parseBackupName("jetinfo-crm-backup-2026-11-25T090000.123Z-auto.sqlite")).toEqual({ kind: "auto", at: NOW + 123 });
    expect(parseBackupName("jetinfo-crm-schema3-2026-11-25T09-00-00-000Z.sqlite")).toEqual({ kind: "before-upgrade", at: NOW });
    expect(parseBackupName("jetinfo-crm.sqlite")).toBeUndefined();
    expect(backupFolder(db)).toBe(join(db.dir, "backups"));
    setSettingSync(db, "backup.folder", "elsewhere");
    expect(backupFolder(db)).toBe(join(db.dir, "elsewhere"));
  });

  it("only gives the path of a listed backup: no traversal, no other file", async () => {
    db = openTestDb();
    current = db;
    const folder = backupFolder(db);
    const made = await createBackup(db, { folder, kind: "manual", now: NOW });
    expect(backupPath(folder, made.name)).toBe(join(folder, made.name));
    for (const name of ["../crm.sqlite", `../backups/${made.name}`, join(folder, made.name), "crm.sqlite", `${made.name}.partial`, ""]) {
      expect(() => backupPath(folder, name), name).toThrow(AppError);
    }
  });
});
