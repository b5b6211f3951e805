import { bigint, customType } from "drizzle-orm/pg-core";

/**
 * Column kinds the PostgreSQL schema repeats. SQLite's INTEGER is 64-bit: ids, references and
 * times (epoch milliseconds, as on SQLite) are `bigint`, read as JavaScript numbers (db/pg/open.ts
 * refuses a value beyond 2^53 instead of rounding it). Small bounded counts stay `integer`.
 */

/** A row id: an identity column, as SQLite's AUTOINCREMENT never reuses a number. BY DEFAULT, not
 *  ALWAYS: an import from a desk's SQLite file keeps its ids (and then moves the sequence on). */
export const id = () => bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity();

/** A reference to another table's id, or a time in epoch milliseconds. */
export const int8 = (name: string) => bigint(name, { mode: "number" });

/**
 * Text compared byte by byte. Phones (`e164`, `digits_reversed`) and emails are looked up by range
 * (`e164 >= '+4122735' AND e164 < '+4122735:'`): under a database's ICU collation such as fr-CH,
 * punctuation weighs less than digits and `'+41227353392' < '+41227:'` is false, so the range
 * finds nothing. "C" orders by code point, as SQLite's BINARY does. drizzle-kit writes the type as
 * given (it starts with "text"), so the baseline needs no hand edit for it.
 * Under "C", lower() folds ASCII only — as SQLite's lower() does for the emails' CHECK.
 */
export const textC = customType<{ data: string; driverData: string }>({
  dataType: () => 'text COLLATE "C"',
});

/** A full-text document: to_tsvector('simple', <text folded by common/person-name fold()>). */
export const tsvector = customType<{ data: string; driverData: string }>({
  dataType: () => "tsvector",
});
