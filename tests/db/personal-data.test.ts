import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { COLUMN_LABELS, TABLE_TITLES } from "../../db/access-report-labels";
import { PERSONAL_DATA, reportedColumns, tableName } from "../../db/personal-data";
import { openTestDb } from "../fixtures/database";

let db: ReturnType<typeof openTestDb>;
beforeEach(() => {
  db = openTestDb();
});
afterEach(() => db.cleanup());

const mapped = () => new Set(PERSONAL_DATA.map((entry) => tableName(entry.table)));

describe("the personal-data map", () => {
  it("lists every table that references a person, directly or through a table that does", () => {
    const tables = db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'").pluck().all() as string[];
    const references = (table: string) => (db.sqlite.prepare("SELECT \"table\" AS parent FROM pragma_foreign_key_list(?)").pluck().all(table) as string[]);
    // Closure: a table pointing at a mapped table (other than lookups like users) is personal too.
    const personal = new Set(["people"]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const t of tables) {
        if (personal.has(t) || !references(t).some((parent) => personal.has(parent) && parent !== "users")) continue;
        personal.add(t);
        grew = true;
      }
    }
    const missing = [...personal].filter((t) => !mapped().has(t));
    expect(missing, "tables holding a person's data but absent from db/personal-data.ts").toEqual([]);
    expect(personal.size).toBeGreaterThan(10);
  });

  it("gives every column the access report shows a label in French and English, and every table a title", () => {
    for (const entry of PERSONAL_DATA) {
      expect(TABLE_TITLES[tableName(entry.table)], tableName(entry.table)).toBeDefined();
      for (const column of reportedColumns(entry)) expect(COLUMN_LABELS[column.name], `${tableName(entry.table)}.${column.name}`).toMatchObject({ fr: expect.any(String), en: expect.any(String) });
    }
  });

  it("orders children before their parents, so the erasure never trips a foreign key", () => {
    const order = PERSONAL_DATA.map((entry) => tableName(entry.table));
    expect(order.indexOf("error_report_events")).toBeLessThan(order.indexOf("error_reports"));
    expect(order.at(-1)).toBe("people");
  });
});
