/**
 * The PostgreSQL schema: the same tables, columns, constraints and indexes as db/schema/ (SQLite),
 * which tests/db/pg/schema.test.ts holds it to. What differs, and why:
 * - ids, references and epoch-millisecond times are `bigint` (SQLite's INTEGER is 64-bit), read as
 *   numbers; flags are `boolean`; ids are identity columns (SQLite: AUTOINCREMENT);
 * - `phones.e164`, `phones.digits_reversed` and `emails.email` are `COLLATE "C"` (columns.ts);
 * - CHECKs that use SQLite's GLOB use a regular expression (`~`) that accepts the same strings;
 * - `error_reports.severity_rank` is STORED (PostgreSQL 15 has no virtual generated column);
 * - FTS5's tables become `people_search` and `error_reports_search` (search.ts).
 * Tables made by hand-written migrations (audit_chain) are not declared here, as in db/schema/.
 */
export * from "./users";
export * from "./audit";
export * from "./settings";
export * from "./people";
export * from "./reports";
export * from "./training";
export * from "./privacy";
export * from "./search";
