import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { listBackups, parseBackupName } from "../../db/backups";
import { findExportDownload, installExportJobs, launchExportWorker, type LaunchWorker } from "../../electron/export/jobs";
import { DATABASE_FILE, openHost, type Host } from "../../electron/host";
import { MIGRATIONS_DIR, scratchDir } from "../fixtures/database";

// Issue 12 item 3: an erasure reaches every file the app writes under the data folder — the
// database, its WAL and shared memory, exports finished or running, backups cut short, the logs.

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanups.splice(0)) await f();
});

// Markers that appear nowhere else; FTS stores words lower-cased, so both cases are searched.
const MARK = { first: "Qwzxfirst", last: "Qwzxlast", email: "qwzx.mail@example.ch", street: "Qwzxstreet", note: "Qwzxsummary" };

type Envelope = { ok: true; value: any } | { ok: false; error: { code: string; reason?: string; field?: string } };

function open(dataDir: string): Host {
  const host = openHost({ dataDir, migrationsDir: MIGRATIONS_DIR, scheduleBackups: false, now: () => Date.UTC(2026, 10, 25, 9) + performance.now() });
  cleanups.unshift(async () => {
    await host.whenIdle();
    if (host.db.sqlite.open) host.close();
  });
  return host;
}

function client(host: Host) {
  const call = (name: string, input: unknown, sessionId?: string) => host.dispatcher.dispatch(name, input, { sessionId }) as Promise<Envelope>;
  const ok = async (name: string, input: unknown, sessionId?: string): Promise<any> => {
    const result = await call(name, input, sessionId);
    if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
    return result.value;
  };
  return { call, ok };
}

async function staff(host: Host) {
  const { ok } = client(host);
  const admin = (await ok("setup.createAdmin", { username: "admin", displayName: "Anne Admin", password: "correct horse battery" })).sessionId as string;
  await ok("users.create", { username: "boss", displayName: "Manager", role: "manager", password: "password-1234" }, admin);
  const manager = (await ok("session.login", { username: "boss", password: "password-1234" })).sessionId as string;
  return { admin, manager };
}

async function personWithMarkers(host: Host, session: string) {
  const { ok } = client(host);
  const person = await ok(
    "people.create",
    { firstName: MARK.first, lastName: MARK.last, emails: [{ email: MARK.email }], addresses: [{ street: `${MARK.street} 5`, postalCode: "1201", city: "Genève" }] },
    session,
  );
  await ok("interactions.log", { personId: person.id, channel: "call_in", purpose: "comment", summary: `${MARK.note} rappeler` }, session);
  const request = await ok("privacy.requests.create", { personId: person.id, kind: "erasure", channel: "phone" }, session);
  await ok("privacy.requests.verifyIdentity", { id: request.id, method: "in_person" }, session);
  return { person, request };
}

/** Every file under the data folder, but the verified backups (see the exclusion in the test). */
function dataFiles(dataDir: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push(path);
    }
  };
  walk(dataDir);
  return files;
}

/** The files holding one of the markers, relative to the data folder. */
function filesWithMarkers(dataDir: string, exclude: (file: string) => boolean = () => false): string[] {
  return dataFiles(dataDir)
    .filter((file) => !exclude(file))
    .filter((file) => {
      const raw = readFileSync(file);
      return Object.values(MARK).some((m) => raw.includes(Buffer.from(m)) || raw.includes(Buffer.from(m.toLowerCase())));
    })
    .map((file) => relative(dataDir, file));
}

/** A verified, listed backup: excluded from the scan — see the test. */
const isVerifiedBackup = (file: string) => parseBackupName(file.split(/[\\/]/).at(-1)!) !== undefined;

/**
 * An export worker that reads the people in a transaction it keeps open, writes what it read and
 * never finishes: a long export caught in the middle, deterministically.
 */
const holdingExportWorker: LaunchWorker = (data) =>
  new Worker(
    `const { parentPort, workerData } = require("node:worker_threads");
     const Database = require(workerData.module);
     const db = new Database(workerData.databaseFile, { readonly: true, fileMustExist: true });
     db.exec("BEGIN");
     const rows = db.prepare("SELECT first_name, last_name FROM people").all();
     require("node:fs").writeFileSync(workerData.outFile, rows.map((r) => r.first_name + ";" + r.last_name).join("\\n"));
     parentPort.postMessage({ type: "progress", done: rows.length, total: rows.length * 100 });
     setInterval(() => {}, 60000);`,
    { eval: true, workerData: { ...data, module: createRequire(import.meta.url).resolve("better-sqlite3") } },
  );

describe("erasure reaches every file under the data folder", () => {
  it("cancels running exports, deletes waiting export files and saved search texts, and empties the WAL once readers let go", async () => {
    const scratch = scratchDir();
    cleanups.push(scratch.remove);
    const dataDir = scratch.dir;
    const host = open(dataDir);
    // The first export runs the real worker; the second is caught in the middle (see above).
    let hold = false;
    installExportJobs(host.db, { launch: (data) => (hold ? holdingExportWorker(data) : launchExportWorker(data)) });
    const { call, ok } = client(host);
    const { manager } = await staff(host);
    const { person, request } = await personWithMarkers(host, manager);
    await ok("reports.saveFilter", { text: MARK.last, status: ["new"], sort: "createdAt" }, manager);

    // A full backup before the erasure: excluded from the scan below (retention deletes it).
    await host.control.backupNow("manual");
    // A copy a crashed backup left behind, holding the person.
    const stalePartial = join(dataDir, "backups", "jetinfo-crm-backup-2026-11-24T090000.000Z-auto.sqlite.partial");
    await host.db.sqlite.backup(stalePartial);

    // An export finished but not downloaded yet…
    const finished = await ok("exports.start", { recordSet: "people", format: "csv" }, manager);
    let view: any;
    await vi.waitFor(
      async () => {
        view = await ok("exports.progress", { id: finished.id }, manager);
        expect(view.status).toBe("done");
      },
      { timeout: 20_000, interval: 50 },
    );
    const downloadPath = new URL(view.downloadUrl, "http://127.0.0.1").pathname;
    expect(findExportDownload(downloadPath)).toBeDefined();
    // …one still running, reading in a transaction it has not ended…
    hold = true;
    const running = await ok("exports.start", { recordSet: "people", format: "csv" }, manager);
    await vi.waitFor(async () => expect((await ok("exports.progress", { id: running.id }, manager)).done).toBeGreaterThan(0), { timeout: 20_000, interval: 50 });
    // …the integrity check running in its worker, and a reader that has not let go yet (as the
    // integrity check's or a backup's connection while they read).
    const integrity = call("diagnostics.integrityCheck", {}, (await ok("session.login", { username: "admin", password: "correct horse battery" })).sessionId);
    const reader = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    reader.exec("BEGIN");
    reader.prepare("SELECT count(*) FROM people").get();
    // And a backup started just before the erasure.
    const backingUp = host.control.backupNow("manual");

    expect(await ok("exports.progress", { id: running.id }, manager)).toMatchObject({ status: "running" });
    const before = filesWithMarkers(dataDir, isVerifiedBackup);
    expect(before).toEqual(expect.arrayContaining([`${DATABASE_FILE}-wal`, `backups/${stalePartial.split("/").at(-1)}`, expect.stringMatching(/^exports\//)]));
    expect(before.filter((f) => f.startsWith("exports/"))).toHaveLength(2);

    const erased = await ok("privacy.erase", { requestId: request.id, confirmLastName: MARK.last }, manager);
    expect(erased).toMatchObject({ personId: person.id });
    // Exports: both cancelled, both files gone, the finished one's download address answers 404.
    expect(await ok("exports.progress", { id: finished.id }, manager)).toMatchObject({ status: "cancelled", downloadUrl: null });
    expect(await ok("exports.progress", { id: running.id }, manager)).toMatchObject({ status: "cancelled", downloadUrl: null });
    expect(findExportDownload(downloadPath)).toBeUndefined();
    await vi.waitFor(() => expect(readdirSync(join(dataDir, "exports"))).toEqual([]), { timeout: 10_000, interval: 50 });
    // The saved queue filter keeps its choices but not the typed text.
    expect(await ok("reports.savedFilter", {}, manager)).toMatchObject({ status: ["new"] });
    expect((await ok("reports.savedFilter", {}, manager)).text).toBeUndefined();

    // The reader holds an older snapshot: the WAL cannot be emptied yet, and the screen is told so.
    expect(erased.walEmptied).toBe(false);
    expect(await ok("privacy.erasureStatus", { requestId: request.id }, manager)).toEqual({ requestId: request.id, cleanup: "wal", walEmptied: false, done: false });

    await integrity;
    await backingUp; // its rotation removes the stale partial
    expect(existsSync(stalePartial)).toBe(false);

    // The reader lets go: the host's retry empties the WAL by itself and logs it.
    reader.exec("COMMIT");
    reader.close();
    const log = join(dataDir, "logs", "jetinfo-crm.log");
    await vi.waitFor(() => expect(readFileSync(log, "utf8")).toMatch(/INFO wal\.emptied removals=1/), { timeout: 10_000, interval: 50 });
    expect(await ok("privacy.erasureStatus", { requestId: request.id }, manager)).toEqual({ requestId: request.id, cleanup: "wal", walEmptied: true, done: true });
    expect(statSync(join(dataDir, `${DATABASE_FILE}-wal`)).size).toBe(0);

    // Every file under the data folder: the database, -wal, -shm, exports/, backups/ (partials
    // included), logs/. Excluded: the verified backups, full copies of the database as it was when
    // they were taken; they are deleted after `backup.retentionDays`, the date the erasure screen
    // prints (backupsHeldUntil).
    expect(listBackups(join(dataDir, "backups")).length).toBeGreaterThanOrEqual(2);
    expect(filesWithMarkers(dataDir, isVerifiedBackup)).toEqual([]);
    expect(dataFiles(dataDir).some((f) => f.endsWith(`${DATABASE_FILE}-shm`))).toBe(true);
    // Two export workers, the integrity check and two backups: slow on a loaded 2-core machine.
  }, 120_000);

  // Issue 12 item 16: the WAL checkpoint (two fsyncs) no longer delays the erasure's answer.
  it("answers once the erasure is committed, and the host empties the WAL right after, unasked", async () => {
    const scratch = scratchDir();
    cleanups.push(scratch.remove);
    const dataDir = scratch.dir;
    const host = open(dataDir);
    const { ok } = client(host);
    const { manager } = await staff(host);
    const { request } = await personWithMarkers(host, manager);
    const wal = `${DATABASE_FILE}-wal`;
    expect(filesWithMarkers(dataDir, isVerifiedBackup)).toContain(wal);

    const erased = await ok("privacy.erase", { requestId: request.id, confirmLastName: MARK.last }, manager);
    // The answer leaves before the checkpoint: the journal still holds the person's old pages…
    expect(erased.walEmptied).toBe(false);
    expect(filesWithMarkers(dataDir, isVerifiedBackup)).toContain(wal);

    // …and the event loop's next turn empties it, with no reader in the way and nobody asking.
    await new Promise((resolve) => setImmediate(resolve));
    expect(statSync(join(dataDir, wal)).size).toBe(0);
    expect(filesWithMarkers(dataDir, isVerifiedBackup)).toEqual([]);
    const log = join(dataDir, "logs", "jetinfo-crm.log");
    await vi.waitFor(() => expect(readFileSync(log, "utf8")).toMatch(/INFO wal\.emptied removals=1/), { timeout: 10_000, interval: 50 });
    expect(await ok("privacy.erasureStatus", { requestId: request.id }, manager)).toEqual({ requestId: request.id, cleanup: "wal", walEmptied: true, done: true });
  });

  it("removes at start-up what an interrupted run left: export files, backups and upgrade copies cut short, a restore's staging copy", async () => {
    const scratch = scratchDir();
    cleanups.push(scratch.remove);
    const dataDir = scratch.dir;
    const first = open(dataDir);
    const { ok } = client(first);
    const { manager } = await staff(first);
    await personWithMarkers(first, manager);
    const job = await ok("exports.start", { recordSet: "people", format: "csv" }, manager);
    await vi.waitFor(async () => expect((await ok("exports.progress", { id: job.id }, manager)).status).toBe("done"), { timeout: 20_000, interval: 50 });
    const partial = join(dataDir, "backups", "jetinfo-crm-backup-2026-11-24T090000.000Z-auto.sqlite.partial");
    mkdirSync(join(dataDir, "backups"));
    await first.db.sqlite.backup(partial);
    writeFileSync(`${partial}-journal`, "");
    // …and the copy taken before a schema upgrade, cut short the same way.
    const upgradePartial = join(dataDir, "backups", "jetinfo-crm-schema10-2026-11-24T09-00-00-000Z.sqlite.partial");
    await first.db.sqlite.backup(upgradePartial);
    const staging = join(dataDir, `${DATABASE_FILE}.restoring`);
    await first.db.sqlite.backup(staging);
    // The process stops without cleaning up (a crash, a kill): the files stay.
    first.close();
    expect(filesWithMarkers(dataDir)).toEqual(expect.arrayContaining([expect.stringMatching(/^exports\//), `backups/${partial.split("/").at(-1)}`, `backups/${upgradePartial.split("/").at(-1)}`, `${DATABASE_FILE}.restoring`]));

    open(dataDir);
    expect(readdirSync(join(dataDir, "exports"))).toEqual([]);
    expect(readdirSync(join(dataDir, "backups")).filter((name) => name.includes(".partial"))).toEqual([]);
    expect(existsSync(staging)).toBe(false);
  }, 60_000);
});
