import { sql, type SQL } from "drizzle-orm";

/**
 * A record's fields as plain SQL on both engines, for the modules that write whole records through
 * the engine (db/engine.ts) instead of drizzle's dialect-bound query builder: `columns` names the
 * column of each field a module may write. Only those fields are written, so a key the caller
 * added by mistake never reaches the SQL, and one left undefined is skipped, as drizzle's insert
 * and update skipped it (an insert then takes the column's default, an update leaves it).
 */
export type FieldColumns = Readonly<Record<string, string>>;

/** `(a, b) VALUES (?, ?)` of an INSERT, for the fields given. */
export function insertColumns(columns: FieldColumns, values: Readonly<Record<string, unknown>>): SQL {
  const given = Object.keys(columns).filter((field) => values[field] !== undefined);
  return sql`(${sql.raw(given.map((field) => columns[field]).join(", "))}) VALUES (${sql.join(
    given.map((field) => sql`${values[field]}`),
    sql`, `,
  )})`;
}

/** `a = ?, b = ?` of an UPDATE, for the fields given (at least one). */
export function assignments(columns: FieldColumns, values: Readonly<Record<string, unknown>>): SQL {
  const given = Object.keys(columns).filter((field) => values[field] !== undefined);
  return sql.join(
    given.map((field) => sql`${sql.raw(columns[field]!)} = ${values[field]}`),
    sql`, `,
  );
}

/** `(?, ?, …)` for IN: never empty (PostgreSQL refuses `IN ()`), so the caller handles no values. */
export function valueList(values: readonly (string | number)[]): SQL {
  if (values.length === 0) throw new Error("An IN list needs at least one value.");
  return sql`(${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )})`;
}
