import type { ErrorCode, Reason } from "./errors";

/**
 * The databases' own refusals, in the application's words: SQLite's extended result codes and
 * PostgreSQL's SQLSTATEs reach the same `{ code, reason, field? }`, so a desk gets one answer
 * whichever engine its server runs on. The engines' own texts never reach the answer (they can
 * quote values: PostgreSQL's `detail` does); only a column name may, as `field`.
 */
export interface ConstraintFailure {
  code: ErrorCode;
  reason: Reason;
  /** The column, camelCase, where the engine names exactly one. */
  field?: string;
}

const UNIQUE = { code: "CONFLICT", reason: "already_exists" } as const;
const MISSING = { code: "NOT_FOUND", reason: "missing_reference" } as const;
const INVALID = { code: "VALIDATION", reason: "invalid_value" } as const;

const SQLITE_CONSTRAINTS: Record<string, { code: ErrorCode; reason: Reason }> = {
  SQLITE_CONSTRAINT_CHECK: INVALID,
  SQLITE_CONSTRAINT_NOTNULL: INVALID,
  SQLITE_CONSTRAINT_UNIQUE: UNIQUE,
  SQLITE_CONSTRAINT_PRIMARYKEY: UNIQUE,
  // SQLite does not say which column: the handlers check the ids they are given and name the field;
  // this is the last line for a reference they missed.
  SQLITE_CONSTRAINT_FOREIGNKEY: MISSING,
};

const PG_CONSTRAINTS: Record<string, { code: ErrorCode; reason: Reason }> = {
  "23505": UNIQUE,
  // PostgreSQL names the column; SQLite cannot, so neither answer names it (the same answer on both).
  "23503": MISSING,
  "23514": INVALID,
  "23502": INVALID,
  // A value over a column's declared limit (varchar(n), an integer's range): SQLite has no such
  // types and its CHECKs answer the same for the same value.
  "22001": INVALID,
  "22003": INVALID,
};

/** A constraint the database enforced, or nothing when the error is not one. */
export function constraintFailure(error: unknown): ConstraintFailure | undefined {
  const code = codeOf(error);
  if (code === undefined) return undefined;
  if (code.startsWith("SQLITE_")) {
    const failure = Object.hasOwn(SQLITE_CONSTRAINTS, code) ? SQLITE_CONSTRAINTS[code] : undefined;
    if (!failure) return undefined;
    const field = sqliteField((error as Error).message);
    return field ? { ...failure, field } : { ...failure };
  }
  if (!isPgError(error)) return undefined;
  const failure = Object.hasOwn(PG_CONSTRAINTS, code) ? PG_CONSTRAINTS[code] : undefined;
  if (!failure) return undefined;
  const field = code === "23502" ? camel(error.column) : code === "23505" ? pgUniqueField(error.detail) : undefined;
  return field ? { ...failure, field } : { ...failure };
}

const PG_BUSY = new Set(["40001", "40P01", "55P03", "57014"]);
const PG_BROKEN_CLASSES = ["08", "53", "58", "XX"];

/**
 * The storage's failures ("database is locked", a deadlock, "disk full", a lost connection…) as a
 * reason the user can act on; their own text goes to the log only.
 */
export function storageFailure(error: unknown): Reason | undefined {
  const code = codeOf(error) ?? "";
  if (code === "SQLITE_BUSY" || code.startsWith("SQLITE_BUSY_") || code === "SQLITE_LOCKED" || code.startsWith("SQLITE_LOCKED_")) return "database_busy";
  if (code === "SQLITE_FULL" || code === "ENOSPC") return "disk_full";
  if (code.startsWith("SQLITE_IOERR") || code.startsWith("SQLITE_READONLY") || code === "SQLITE_CORRUPT" || code === "SQLITE_CANTOPEN" || code === "EIO") return "storage_failed";
  if (code === "ECONNREFUSED" || code === "ECONNRESET" || code === "ETIMEDOUT") return "storage_failed";
  if (!isPgError(error)) return undefined;
  // Serialisation failures, deadlocks, lock and statement time-outs: another operation was in the way.
  if (PG_BUSY.has(code)) return "database_busy";
  if (code === "53100") return "disk_full";
  // Connection lost, out of resources, the server's I/O, corrupted data, the server shutting down.
  if (PG_BROKEN_CLASSES.includes(code.slice(0, 2)) || code.startsWith("57P")) return "storage_failed";
  return undefined;
}

function codeOf(error: unknown): string | undefined {
  if (!(error instanceof Error) || !("code" in error) || typeof error.code !== "string") return undefined;
  return error.code;
}

/** node-postgres's DatabaseError: a SQLSTATE and the server's severity (a Node error has neither). */
function isPgError(error: unknown): error is Error & { code: string; column?: string; detail?: string } {
  return error instanceof Error && "severity" in error && /^[0-9A-Z]{5}$/.test(codeOf(error) ?? "");
}

/** "NOT NULL constraint failed: people.last_name" → "lastName"; nothing when no single column is named. */
function sqliteField(sqliteMessage: string): string | undefined {
  return camel(/constraint failed: \w+\.(\w+)$/.exec(sqliteMessage)?.[1]);
}

/** "Key (username)=(…) already exists." → "username": the column only, never the value. */
function pgUniqueField(detail: string | undefined): string | undefined {
  return camel(/^Key \((\w+)\)=/.exec(detail ?? "")?.[1]);
}

function camel(column: string | undefined): string | undefined {
  return column?.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
