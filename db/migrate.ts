import { readFileSync } from "node:fs";
import { join } from "node:path";
import type Database from "better-sqlite3";

export interface Migration {
  version: number;
  tag: string;
  statements: string[];
}

/** The app's schema version is the number of migrations it ships. */
export function loadMigrations(migrationsDir: string): Migration[] {
  const journal = JSON.parse(readFileSync(join(migrationsDir, "meta", "_journal.json"), "utf8")) as {
    entries: { idx: number; tag: string }[];
  };
  return journal.entries
    .sort((a, b) => a.idx - b.idx)
    .map((entry, i) => {
      if (entry.idx !== i) throw new Error(`Migration journal has a gap before ${entry.tag}`);
      const sqlText = readFileSync(join(migrationsDir, `${entry.tag}.sql`), "utf8");
      const statements = sqlText
        .split("--> statement-breakpoint")
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
      return { version: i + 1, tag: entry.tag, statements };
    });
}

export class DatabaseFromFutureError extends Error {
  constructor(
    readonly fileVersion: number,
    readonly appVersion: number,
  ) {
    super(
      `This database was written by a newer version of Jet Info CRM (schema ${fileVersion}; ` +
        `this version knows up to ${appVersion}). Update the application; the file was not changed.`,
    );
    this.name = "DatabaseFromFutureError";
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma("user_version", { simple: true }) as number;
}

export class ForeignKeyViolationError extends Error {
  constructor(readonly violations: unknown[]) {
    super(`The upgrade would leave ${violations.length} broken reference(s); nothing was changed.`);
    this.name = "ForeignKeyViolationError";
  }
}

/**
 * Applies the pending migrations in one transaction: either all of them land or none.
 * Foreign keys are off meanwhile, because rebuilding a table (SQLite's way to change a column)
 * drops the old one, and a DROP with foreign keys on would cascade into its children; the
 * references are checked before committing instead.
 */
export function applyMigrations(db: Database.Database, migrations: Migration[]): number {
  const current = schemaVersion(db);
  if (current > migrations.length) throw new DatabaseFromFutureError(current, migrations.length);
  const pending = migrations.slice(current);
  if (pending.length === 0) return 0;
  const foreignKeys = db.pragma("foreign_keys", { simple: true }) as number;
  db.pragma("foreign_keys = OFF");
  try {
    db.transaction(() => {
      for (const m of pending) for (const s of m.statements) db.exec(s);
      const violations = db.pragma("foreign_key_check") as unknown[];
      if (violations.length > 0) throw new ForeignKeyViolationError(violations);
      db.pragma(`user_version = ${migrations.length}`);
    }).immediate();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? "ON" : "OFF"}`);
  }
  return pending.length;
}
