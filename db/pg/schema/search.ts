import { index, pgTable } from "drizzle-orm/pg-core";
import { int8, tsvector } from "./columns";
import { people } from "./people";
import { errorReports } from "./reports";

/**
 * PostgreSQL's counterpart of SQLite's FTS5 tables (people_fts, error_reports_fts): one document
 * per row, `to_tsvector('simple', …)` over text the app has already folded with its own fold()
 * (common/person-name.ts), so both engines match the same words. The `simple` configuration does
 * no stemming and knows no language: the folding is the app's, the same on every server. The app
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
  },
  (t) => [index("people_search_document").using("gin", t.document)],
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
