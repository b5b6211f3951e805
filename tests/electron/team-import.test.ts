import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AUDIT_ANCHOR_FILE } from "../../db/audit-anchor";
import { AUDIT_KEY_FILE } from "../../db/audit-key";
import { applyMigrations, loadMigrations } from "../../db/migrate";
import { DATABASE_FILE, openHost, type Host } from "../../electron/host";
import { formatImportReport, ImportRefusedError, importDeskDatabase } from "../../electron/team-import";
import { MIGRATIONS_DIR, scratchDir } from "../fixtures/database";

/**
 * `npm run server -- --data <folder> --import <desk file>`: real desks (the host both shells open,
 * its dispatcher, its key and anchor files), real migrations, real files.
 */

let scratch: ReturnType<typeof scratchDir>;
let deskDir: string;
let serverDir: string;
const open: Host[] = [];
beforeEach(() => {
  scratch = scratchDir();
  deskDir = join(scratch.dir, "desk");
  serverDir = join(scratch.dir, "server");
});
afterEach(() => {
  for (const host of open.splice(0)) host.close();
  scratch.remove();
});

function host(dataDir: string): Host {
  const opened = openHost({ dataDir, migrationsDir: MIGRATIONS_DIR, scheduleBackups: false });
  open.push(opened);
  return opened;
}
function close(h: Host): void {
  open.splice(open.indexOf(h), 1);
  h.close();
}

async function ok<T = any>(h: Host, name: string, input: unknown, sessionId?: string): Promise<T> {
  const result = (await h.dispatcher.dispatch(name, input, { sessionId })) as { ok: boolean; value?: T; error?: unknown };
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** A desk that was used: an administrator, people, a report; then closed (as before a move). */
async function usedDesk(): Promise<void> {
  const desk = host(deskDir);
  const { sessionId } = await ok(desk, "setup.createAdmin", { username: "admin", displayName: "Anne Admin", password: "correct horse battery" });
  for (const [firstName, lastName] of [["Léa", "Rochat"], ["Marc", "Kolly"], ["Zoé", "Favre"]]) {
    await ok(desk, "people.create", { firstName, lastName, phones: [{ number: "+41227353392" }] }, sessionId);
  }
  close(desk);
}

async function refusal(promise: Promise<unknown>): Promise<ImportRefusedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportRefusedError);
  return error as ImportRefusedError;
}

const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");
/** Nothing of an import left in the server's folder: no database, key or staging folder. */
function nothingImported(): void {
  expect(existsSync(join(serverDir, DATABASE_FILE))).toBe(false);
  expect(existsSync(join(serverDir, AUDIT_KEY_FILE))).toBe(false);
  expect(existsSync(serverDir) ? readdirSync(serverDir).filter((n) => n.startsWith(".import-")) : []).toEqual([]);
}

describe("importing a desk into a new server", () => {
  it("copies the database, its audit key and anchor, with every table's rows counted and the chain verified", async () => {
    await usedDesk();
    const deskFile = join(deskDir, DATABASE_FILE);
    const report = await importDeskDatabase({ dataDir: serverDir, source: deskFile, migrationsDir: MIGRATIONS_DIR });

    const people = report.tables.find((t) => t.table === "people");
    expect(people).toEqual({ table: "people", source: 3, imported: 3 });
    expect(report.tables.find((t) => t.table === "users")).toEqual({ table: "users", source: 1, imported: 1 });
    expect(report.tables.every((t) => t.source === t.imported)).toBe(true);
    // Internal tables of the full-text index are rebuilt by it, not data: never listed.
    expect(report.tables.map((t) => t.table)).not.toContain("people_fts_data");
    expect(report.audit).toMatchObject({ entries: 4, keyed: 4, keyImported: true, anchorImported: true });
    expect(readFileSync(join(serverDir, AUDIT_KEY_FILE))).toEqual(readFileSync(join(deskDir, AUDIT_KEY_FILE)));
    expect(readdirSync(serverDir).filter((n) => n.startsWith(".import-"))).toEqual([]);
    expect(formatImportReport(report, "fr")).toMatch(/people\s+3 → 3[\s\S]*Journal d'audit : OK, 4 entrées vérifiées/);

    // The server opens it: same people, the same administrator, and the chain goes on verifying.
    const server = host(serverDir);
    const { sessionId } = await ok(server, "session.login", { username: "admin", password: "correct horse battery" });
    expect(await ok<unknown[]>(server, "people.search", { q: "Kolly" }, sessionId)).toHaveLength(1);
    expect(await ok(server, "audit.verify", {}, sessionId)).toMatchObject({ ok: true, checked: 5, problems: [] });
  });

  it("takes the work a desk that crashed left in its write-ahead log", async () => {
    const desk = host(deskDir);
    const { sessionId } = await ok(desk, "setup.createAdmin", { username: "admin", displayName: "Anne Admin", password: "correct horse battery" });
    await ok(desk, "people.create", { firstName: "Léa", lastName: "Rochat" }, sessionId);
    // The files as a power cut leaves them: the newest pages only in the -wal beside the database.
    const crashed = join(scratch.dir, "crashed");
    mkdirSync(crashed);
    for (const name of [DATABASE_FILE, `${DATABASE_FILE}-wal`, AUDIT_KEY_FILE]) writeFileSync(join(crashed, name), readFileSync(join(deskDir, name)));
    expect(readFileSync(join(crashed, `${DATABASE_FILE}-wal`)).length).toBeGreaterThan(0);

    const report = await importDeskDatabase({ dataDir: serverDir, source: join(crashed, DATABASE_FILE), migrationsDir: MIGRATIONS_DIR });
    expect(report.tables.find((t) => t.table === "people")).toEqual({ table: "people", source: 1, imported: 1 });
    expect(report.audit).toMatchObject({ entries: 2, anchorImported: false });
  });

  it("migrates a desk of an older version to the current schema", async () => {
    const migrations = loadMigrations(MIGRATIONS_DIR);
    mkdirSync(deskDir, { recursive: true });
    const old = new Database(join(deskDir, DATABASE_FILE));
    // The version before the keyed chain (migration 0011): no audit.key on such a desk.
    const beforeKeyedChain = migrations.findIndex((m) => m.tag === "0011_audit_keyed_chain");
    applyMigrations(old, migrations.slice(0, beforeKeyedChain));
    old.prepare("INSERT INTO users (username, display_name, role, language, password_hash, created_at, updated_at) VALUES ('admin', 'Anne Admin', 'admin', 'fr', 'x', 1, 1)").run();
    old.close();

    const report = await importDeskDatabase({ dataDir: serverDir, source: join(deskDir, DATABASE_FILE), migrationsDir: MIGRATIONS_DIR });
    expect(report).toMatchObject({ fromSchema: beforeKeyedChain, toSchema: migrations.length, audit: { keyImported: false } });
    expect(report.tables.find((t) => t.table === "audit_chain")).toEqual({ table: "audit_chain", source: null, imported: 1 });
    // The server's own key was made for it, beside the database.
    expect(existsSync(join(serverDir, AUDIT_KEY_FILE))).toBe(true);
  });

  it("refuses a desk whose audit log was altered, and leaves nothing behind", async () => {
    await usedDesk();
    const raw = new Database(join(deskDir, DATABASE_FILE));
    raw.exec("DROP TRIGGER audit_log_no_update");
    raw.prepare("UPDATE audit_log SET operation = 'people.list' WHERE id = 2").run();
    raw.exec("CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END");
    raw.close();

    const error = await refusal(importDeskDatabase({ dataDir: serverDir, source: join(deskDir, DATABASE_FILE), migrationsDir: MIGRATIONS_DIR }));
    expect(error.reason).toBe("import_audit_broken");
    expect(error.sentence("fr")).toBe("Le journal d'audit de la base à importer ne se vérifie pas (chain) : il a été modifié ou la clé ne correspond pas. Rien n'a été importé.");
    nothingImported();
  });

  it("refuses entries cut from the end of the log, which the desk's anchor still remembers", async () => {
    await usedDesk();
    const raw = new Database(join(deskDir, DATABASE_FILE));
    raw.exec("DROP TRIGGER audit_log_no_delete");
    raw.prepare("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)").run();
    raw.exec("CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log` BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END");
    raw.close();
    expect(existsSync(join(deskDir, AUDIT_ANCHOR_FILE))).toBe(true);

    const error = await refusal(importDeskDatabase({ dataDir: serverDir, source: join(deskDir, DATABASE_FILE), migrationsDir: MIGRATIONS_DIR }));
    expect(error.reason).toBe("import_audit_broken");
    expect(error.message).toMatch(/anchor/);
    nothingImported();
  });

  it("refuses without the desk's audit key, saying where to put it", async () => {
    await usedDesk();
    const elsewhere = join(scratch.dir, "copied");
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, "desk.sqlite"), readFileSync(join(deskDir, DATABASE_FILE)));
    const error = await refusal(importDeskDatabase({ dataDir: serverDir, source: join(elsewhere, "desk.sqlite"), migrationsDir: MIGRATIONS_DIR }));
    expect(error.reason).toBe("import_audit_key_missing");
    expect(error.sentence("en")).toMatch(/^The audit-log key \(audit\.key\) is missing beside the database .*Copy audit\.key from the desk's data folder next to the file\./);
    nothingImported();
    // A file copied elsewhere is no desk's data folder: no lock file is made beside it.
    expect(readdirSync(elsewhere)).toEqual(["desk.sqlite"]);
  });

  it("never overwrites a server's data folder", async () => {
    await usedDesk();
    close(host(serverDir));
    const before = sha(join(serverDir, DATABASE_FILE));
    const keyBefore = sha(join(serverDir, AUDIT_KEY_FILE));

    const error = await refusal(importDeskDatabase({ dataDir: serverDir, source: join(deskDir, DATABASE_FILE), migrationsDir: MIGRATIONS_DIR }));
    expect(error.reason).toBe("import_target_has_database");
    expect(error.sentence("fr")).toMatch(/^Le dossier de données du serveur contient déjà une base .* l'import ne remplace jamais les données d'un serveur\./);
    expect(sha(join(serverDir, DATABASE_FILE))).toBe(before);
    expect(sha(join(serverDir, AUDIT_KEY_FILE))).toBe(keyBefore);
  });

  it("refuses a server that is running on the folder, and a desk still open", async () => {
    await usedDesk();
    host(serverDir);
    expect((await refusal(importDeskDatabase({ dataDir: serverDir, source: join(deskDir, DATABASE_FILE), migrationsDir: MIGRATIONS_DIR }))).reason).toBe("import_target_in_use");
    close(open[0]!);

    const other = join(scratch.dir, "server2");
    host(deskDir);
    const error = await refusal(importDeskDatabase({ dataDir: other, source: join(deskDir, DATABASE_FILE), migrationsDir: MIGRATIONS_DIR }));
    expect(error.reason).toBe("import_source_in_use");
    expect(error.sentence("fr")).toMatch(/^Jet Info CRM est encore ouvert sur le poste dont vient cette base .*: fermez-le sur ce poste, puis relancez l'import\./);
    expect(existsSync(join(other, DATABASE_FILE))).toBe(false);
  });

  it("refuses a file that is not a Jet Info CRM database, in a sentence", async () => {
    mkdirSync(deskDir, { recursive: true });
    const text = join(deskDir, "contacts.csv");
    writeFileSync(text, "name;phone\nLéa;022 735 33 92\n");
    const other = join(deskDir, "other.sqlite");
    const foreign = new Database(other);
    foreign.exec("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('x')");
    foreign.close();

    for (const file of [text, other]) {
      const error = await refusal(importDeskDatabase({ dataDir: serverDir, source: file, migrationsDir: MIGRATIONS_DIR }));
      expect(error.reason).toBe("import_not_crm");
      expect(error.sentence("fr")).toBe(`Ce fichier n'est pas une base Jet Info CRM (${file}) ; rien n'a été importé.`);
      expect(error.sentence("en")).toBe(`This file is not a Jet Info CRM database (${file}); nothing was imported.`);
      nothingImported();
    }
    const missing = await refusal(importDeskDatabase({ dataDir: serverDir, source: join(deskDir, "nope.sqlite"), migrationsDir: MIGRATIONS_DIR }));
    expect(missing.reason).toBe("import_source_missing");
  });
});
