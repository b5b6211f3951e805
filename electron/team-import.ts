import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import Database from "better-sqlite3";
import { message, type Reason } from "../common/messages";
import type { Language } from "../common/enums";
import { AUDIT_ANCHOR_FILE, advanceAuditAnchor } from "../db/audit-anchor";
import { AUDIT_KEY_FILE } from "../db/audit-key";
import { unkeyedUntil, verifyAuditSync } from "../db/audit";
import { DataFolderInUseError, LOCK_FILE, lockDataFolder, type DataFolderLock } from "../db/data-folder-lock";
import { DatabaseFromFutureError, ForeignKeyViolationError, loadMigrations, schemaVersion } from "../db/migrate";
import { openDatabase, type Db } from "../db/open";
import { hasSqliteHeader } from "../db/file-check";
import { DATABASE_FILE } from "./host";
import { createLogger } from "./log";

/**
 * From one desk to the team (`npm run server -- --data <folder> --import <file.sqlite>`): a desk's
 * database becomes a new server's database, checked before the server may use it.
 *
 * - The server's data is never overwritten: a target folder that holds a database (or another
 *   installation's audit key) is refused, and so is one a running server holds.
 * - The desk must be closed: a desk still running would keep taking calls into a file that is no
 *   longer the team's, and those writes would be lost without anyone noticing. Its data-folder lock
 *   (db/data-folder-lock.ts) is held for the whole import, so it cannot start meanwhile either.
 * - The copy is taken with SQLite's online backup API (a consistent snapshot, WAL included: a desk
 *   that crashed leaves committed work in its `-wal`), then migrated to this version's schema.
 * - The row count of every table of the desk's file is compared with the migrated copy, and the
 *   audit chain of the copy is verified with the desk's key.
 * - The audit chain's key (`audit.key`) lives beside the desk's database, never in it, so the
 *   database alone cannot be rewritten to verify: the server needs the same key to verify the
 *   imported entries and to chain new ones after them, so it is copied into the server's folder
 *   (0600). The desk's anchor (`audit-anchor.json`, the last chain head recorded outside the file)
 *   comes along too, so verification also proves no entry was cut from the end; a new anchor is
 *   then recorded at the imported head.
 * - Everything is assembled in a staging folder inside the target and moved into place only once
 *   every check passed (the database last): a failure or a crash leaves no half-imported server.
 */

export interface ImportOptions {
  /** The new server's data folder (`--data`). */
  dataDir: string;
  /** The desk's database file (`--import`), normally `<desk data folder>/jetinfo-crm.sqlite`. */
  source: string;
  migrationsDir: string;
  nativeBinding?: string;
  now?: () => number;
}

export interface TableCount {
  table: string;
  /** Rows in the desk's file; null for a table the migrations added. */
  source: number | null;
  imported: number;
}

export interface ImportReport {
  source: string;
  target: string;
  /** Schema version of the desk's file, and of the server's copy after migration. */
  fromSchema: number;
  toSchema: number;
  tables: TableCount[];
  audit: { entries: number; keyed: number; unkeyed: number; keyImported: boolean; anchorImported: boolean };
}

/** A refusal the operator can act on, as a sentence in French and English (common/messages.ts). */
export class ImportRefusedError extends Error {
  constructor(
    readonly reason: Reason,
    readonly params: Record<string, string> = {},
  ) {
    super(message(reason, "en", params));
    this.name = "ImportRefusedError";
  }
  sentence(language: Language): string {
    return message(this.reason, language, this.params);
  }
}

const STAGING_PREFIX = ".import-";

export async function importDeskDatabase(options: ImportOptions): Promise<ImportReport> {
  const dataDir = resolve(options.dataDir);
  const source = resolve(options.source);
  const sourceDir = dirname(source);
  const target = join(dataDir, DATABASE_FILE);
  const now = options.now ?? Date.now;

  if (!statSync(source, { throwIfNoEntry: false })?.isFile()) throw new ImportRefusedError("import_source_missing", { file: source });

  const locks: DataFolderLock[] = [];
  let staging: string | undefined;
  try {
    locks.push(lockFolder(dataDir, "import_target_in_use"));
    if (existsSync(target) || existsSync(`${target}-wal`)) throw new ImportRefusedError("import_target_has_database", { folder: dataDir });
    // Left by an import that crashed: we hold the folder's lock, so nobody is writing them.
    for (const name of readdirSync(dataDir)) if (name.startsWith(STAGING_PREFIX)) rmSync(join(dataDir, name), { recursive: true, force: true });

    if (!hasSqliteHeader(source)) throw new ImportRefusedError("import_not_crm", { file: source });
    // A desk's folder has its lock file; a file copied elsewhere (a backup) has none, and gets none.
    if (sourceDir !== dataDir && existsSync(join(sourceDir, LOCK_FILE))) locks.push(lockFolder(sourceDir, "import_source_in_use"));

    const sourceKey = readKeyFile(join(sourceDir, AUDIT_KEY_FILE));
    const targetKey = join(dataDir, AUDIT_KEY_FILE);
    // A key left by an import that crashed between its last two steps is the same key: not another installation's.
    if (existsSync(targetKey) && (sourceKey === undefined || !readFileSync(targetKey).equals(sourceKey))) {
      throw new ImportRefusedError("import_target_other_key", { folder: dataDir });
    }

    staging = mkdtempSync(join(dataDir, STAGING_PREFIX));
    const stagedFile = join(staging, DATABASE_FILE);
    const sourceCounts = await copyDatabase(source, stagedFile, options);
    const fromSchema = sourceCounts.schema;

    if (sourceKey) copyFileSync(join(sourceDir, AUDIT_KEY_FILE), join(staging, AUDIT_KEY_FILE));
    else if (hasKeyedEntries(stagedFile, options.nativeBinding)) throw new ImportRefusedError("import_audit_key_missing", { folder: sourceDir });
    const anchorImported = existsSync(join(sourceDir, AUDIT_ANCHOR_FILE));
    if (anchorImported) copyFileSync(join(sourceDir, AUDIT_ANCHOR_FILE), join(staging, AUDIT_ANCHOR_FILE));

    const report = checkCopy(stagedFile, { ...options, source, staging, sourceCounts: sourceCounts.counts, fromSchema, now });
    report.audit.keyImported = sourceKey !== undefined;
    report.audit.anchorImported = anchorImported;

    // Into place, the key first and the database last: until the database is there, the folder is
    // not a server's, and a key left by a crash in between is the one a new attempt brings again.
    mkdirSync(dataDir, { recursive: true });
    if (existsSync(join(staging, AUDIT_KEY_FILE))) renameSync(join(staging, AUDIT_KEY_FILE), targetKey);
    renameSync(join(staging, AUDIT_ANCHOR_FILE), join(dataDir, AUDIT_ANCHOR_FILE));
    renameSync(stagedFile, target);
    rmSync(staging, { recursive: true, force: true });
    staging = undefined;

    createLogger({ dir: join(dataDir, "logs"), now }).info("import.completed", {
      tables: report.tables.length,
      rows: report.tables.reduce((sum, t) => sum + t.imported, 0),
      auditEntries: report.audit.entries,
      fromSchema,
      toSchema: report.toSchema,
    });
    return { ...report, source, target };
  } finally {
    if (staging) rmSync(staging, { recursive: true, force: true });
    for (const lock of locks.reverse()) lock.release();
  }
}

function lockFolder(folder: string, reason: Reason): DataFolderLock {
  try {
    return lockDataFolder(folder);
  } catch (error) {
    if (error instanceof DataFolderInUseError) throw new ImportRefusedError(reason, { folder });
    throw error;
  }
}

/** The key file's bytes, checked to be a key file; undefined when the desk has none. */
function readKeyFile(file: string): Buffer | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw new ImportRefusedError("import_audit_key_unreadable", { file });
  }
  try {
    const parsed = JSON.parse(bytes.toString("utf8")) as { secret?: unknown; unkeyedUntil?: unknown };
    if (typeof parsed.secret === "string" && typeof parsed.unkeyedUntil === "number") return bytes;
  } catch {
    // fall through
  }
  throw new ImportRefusedError("import_audit_key_unreadable", { file });
}

/** Ordinary tables (not SQLite's own, not a full-text index's shadow tables, which the index rebuilds). */
function tableCounts(sqlite: Database.Database): Map<string, number> {
  const tables = (sqlite.pragma("table_list") as { schema: string; name: string; type: string }[])
    .filter((t) => t.schema === "main" && t.type === "table" && !t.name.startsWith("sqlite_"))
    .map((t) => t.name)
    .sort();
  return new Map(tables.map((name) => [name, sqlite.prepare(`SELECT count(*) FROM "${name.replaceAll('"', '""')}"`).pluck().get() as number]));
}

/**
 * Counts the desk's tables and copies the file with the backup API, both in one read transaction
 * of the source: the counts describe exactly the snapshot that was copied.
 */
async function copyDatabase(source: string, staged: string, options: ImportOptions): Promise<{ counts: Map<string, number>; schema: number }> {
  let sqlite: Database.Database;
  try {
    sqlite = new Database(source, { fileMustExist: true, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  } catch {
    throw new ImportRefusedError("import_not_crm", { file: source });
  }
  try {
    let counts: Map<string, number>;
    let schema: number;
    try {
      sqlite.pragma("query_only = ON");
      schema = schemaVersion(sqlite);
      counts = tableCounts(sqlite);
    } catch {
      // SQLITE_NOTADB past a valid header, a page that cannot be read.
      throw new ImportRefusedError("import_not_crm", { file: source });
    }
    if (schema < 1 || !counts.has("users") || !counts.has("audit_log")) throw new ImportRefusedError("import_not_crm", { file: source });
    const migrations = loadMigrations(options.migrationsDir).length;
    if (schema > migrations) throw new ImportRefusedError("database_from_future", { version: String(schema), supported: String(migrations) });
    sqlite.exec("BEGIN");
    try {
      // Counted again inside the snapshot the backup copies (the first count only classified the file).
      counts = tableCounts(sqlite);
      await sqlite.backup(staged);
    } finally {
      sqlite.exec("COMMIT");
    }
    return { counts, schema };
  } finally {
    sqlite.close();
  }
}

/** Entries chained with a key exist past the unkeyed boundary: a file from before migration 0011 has none. */
function hasKeyedEntries(file: string, nativeBinding?: string): boolean {
  const sqlite = new Database(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    const boundary = unkeyedUntil(sqlite);
    if (boundary === undefined) return false;
    return sqlite.prepare("SELECT 1 FROM audit_log WHERE id > ? LIMIT 1").get(boundary) !== undefined;
  } finally {
    sqlite.close();
  }
}

/** Migrates the staged copy, then checks its integrity, its row counts and its audit chain. */
function checkCopy(
  staged: string,
  options: ImportOptions & { source: string; staging: string; sourceCounts: Map<string, number>; fromSchema: number; now: () => number },
): ImportReport {
  let db: Db;
  try {
    // The copy taken before an upgrade goes to the staging folder, removed with it: the desk's
    // file itself is the copy from before the upgrade.
    db = openDatabase(staged, { migrationsDir: options.migrationsDir, backupDir: join(options.staging, "before-upgrade"), nativeBinding: options.nativeBinding, now: () => new Date(options.now()) });
  } catch (error) {
    if (error instanceof ForeignKeyViolationError) throw new ImportRefusedError("upgrade_broken_references", { count: String(error.violations.length) });
    if (error instanceof DatabaseFromFutureError) throw new ImportRefusedError("database_from_future", { version: String(error.fileVersion), supported: String(error.appVersion) });
    throw error;
  }
  try {
    const integrity = (db.sqlite.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (integrity.length !== 1 || integrity[0] !== "ok") throw new ImportRefusedError("import_corrupt");

    const imported = tableCounts(db.sqlite);
    const tables: TableCount[] = [...imported].map(([table, rows]) => ({ table, source: options.sourceCounts.get(table) ?? null, imported: rows }));
    // A table the migrations dropped would be missing here: counted as 0, so it is reported as different.
    for (const [table, rows] of options.sourceCounts) if (!imported.has(table)) tables.push({ table, source: rows, imported: 0 });
    const differing = tables.filter((t) => t.source !== null && t.source !== t.imported);
    if (differing.length > 0) {
      throw new ImportRefusedError("import_counts_differ", { tables: differing.map((t) => `${t.table}: ${t.source} → ${t.imported}`).join(", ") });
    }

    const verification = verifyAuditSync(db);
    if (!verification.ok) throw new ImportRefusedError("import_audit_broken", { problems: verification.problems.join(", ") });
    // The imported head, recorded outside the file: the server's own verification starts from it.
    advanceAuditAnchor(db, options.now());

    return {
      source: options.source,
      target: "",
      fromSchema: options.fromSchema,
      toSchema: schemaVersion(db.sqlite),
      tables: tables.sort((a, b) => a.table.localeCompare(b.table)),
      audit: { entries: verification.checked, keyed: verification.keyed, unkeyed: verification.unkeyed, keyImported: false, anchorImported: false },
    };
  } finally {
    // Closing the last connection checkpoints the WAL into the file and removes it: one file to move.
    db.close();
  }
}

/** The report the command prints: one line per table, then the audit chain's verdict. */
export function formatImportReport(report: ImportReport, language: Language): string {
  const fr = language === "fr";
  const width = Math.max(...report.tables.map((t) => t.table.length), 5);
  const lines = [
    fr ? `Import de ${report.source}` : `Import of ${report.source}`,
    fr ? `  vers ${report.target} (schéma ${report.fromSchema} → ${report.toSchema})` : `  into ${report.target} (schema ${report.fromSchema} → ${report.toSchema})`,
    fr ? `  ${"table".padEnd(width)}  poste → serveur` : `  ${"table".padEnd(width)}  desk → server`,
    ...report.tables.map((t) => `  ${t.table.padEnd(width)}  ${t.source === null ? (fr ? "(nouvelle)" : "(new)") : t.source} → ${t.imported}`),
    fr
      ? `Journal d'audit : OK, ${report.audit.entries} entrées vérifiées (${report.audit.keyed} avec la clé du poste, copiée dans ${AUDIT_KEY_FILE}).`
      : `Audit log: OK, ${report.audit.entries} entries verified (${report.audit.keyed} with the desk's key, copied to ${AUDIT_KEY_FILE}).`,
    fr ? `Nombres de lignes : identiques dans ${report.tables.filter((t) => t.source !== null).length} tables.` : `Row counts: identical in ${report.tables.filter((t) => t.source !== null).length} tables.`,
  ];
  return `${lines.join("\n")}\n`;
}
