import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgTable } from "drizzle-orm/pg-core";
import { int8, tsvector } from "./columns";
import { people } from "./people";
import { errorReports } from "./reports";

/**
 * PostgreSQL's counterpart of SQLite's FTS5 tables (people_fts, error_reports_fts): one document
 * per row, the words of text folded by the app's own fold() (common/person-name.ts) as SQLite's
 * tokenizer cuts them (db/search-index.ts), so both engines match the same words: a tsvector
 * written out (`'word':1A`), not to_tsvector's parser, which keeps an e-mail address or
 * "jean-pierre" whole besides its parts and knows no letter beyond ASCII under a "C" locale. Each
 * word's weight is its column (A name, B company, C emails, D city), as FTS5's columns. The app
 * writes the document in the same transaction as the row; ON DELETE CASCADE takes it with the
 * person or the report (an erasure leaves no entry behind in the table; the GIN index's dead
 * entries go with the vacuum after the erasure).
 */
export const peopleSearch = pgTable(
  "people_search",
  {
    personId: int8("person_id")
      .primaryKey()
      .references(() => people.id, { onDelete: "cascade" }),
    document: tsvector("document").notNull(),
    /** The name's words alone (weight A), indexed apart: a GIN index keeps no weights (migration 0004). */
    names: tsvector("names").generatedAlwaysAs(sql`ts_filter(document, '{a}')`),
  },
  (t) => [index("people_search_document").using("gin", t.document), index("people_search_names").using("gin", t.names)],
);

/**
 * The row count and token total of people_search, for the lookup's bm25 (FTS5 keeps the same in
 * its "averages" record): one row, kept by a trigger on people_search (migration 0003).
 */
export const peopleSearchTotals = pgTable(
  "people_search_totals",
  {
    id: integer("id").primaryKey(),
    rows: bigint("rows", { mode: "number" }).notNull(),
    tokens: bigint("tokens", { mode: "number" }).notNull(),
  },
  (t) => [check("people_search_totals_id_check", sql`${t.id} = 1`)],
);

/** The support queue's text filter: reference, title, description, steps and environment. */
export const errorReportsSearch = pgTable(
  "error_reports_search",
  {
    reportId: int8("report_id")
      .primaryKey()
      .references(() => errorReports.id, { onDelete: "cascade" }),
    document: tsvector("document").notNull(),
  },
  (t) => [index("error_reports_search_document").using("gin", t.document)],
);
