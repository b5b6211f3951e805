import { sql } from "drizzle-orm";
import { getTableConfig } from "drizzle-orm/sqlite-core";
import { rawInstantText } from "../common/date-range";
import type { Reads } from "./engine";
import { AppError } from "./errors";
import type { AccessReport, AccessReportSection, AccessReportValue as Value, ReportLanguage } from "../common/contract/privacy";
import { CATEGORIES, CATEGORY_INFO, linkWhere, PERSONAL_DATA, reportedColumns, tableName, type Category, type PersonalTable } from "./personal-data";
import { getSetting } from "./settings";


export type { AccessReport, AccessReportSection, ReportLanguage };

/**
 * Foreign keys shown by name: a course, a product or a report's reference means something to the
 * person, its id does not. `t` is the mapped table's alias.
 */
const NAMED: Record<string, (language: ReportLanguage) => string> = {
  report_id: () => "(SELECT reference FROM error_reports WHERE id = t.report_id)",
  company_id: () => "(SELECT name FROM companies WHERE id = t.company_id)",
  product_id: () => "(SELECT name FROM products WHERE id = t.product_id)",
  course_id: (l) => `(SELECT ${l === "en" ? "title_en" : "title_fr"} FROM training_courses WHERE id = t.course_id)`,
};

/**
 * The order a table's rows are shown in: its primary key (the id, in the order the rows were
 * written; the preferences by topic and channel). Both engines give the same order.
 */
function rowOrder(entry: PersonalTable): string {
  const config = getTableConfig(entry.table);
  const own = config.columns.filter((c) => c.primary).map((c) => c.name);
  const keys = own.length ? own : (config.primaryKeys[0]?.columns.map((c) => c.name) ?? []);
  return keys.map((name) => `t.${name}`).join(", ");
}

async function retentionText(category: Category, tx: Reads, language: ReportLanguage): Promise<string> {
  const rule = CATEGORY_INFO[category].retention;
  if (!("setting" in rule)) return rule[language];
  const years = (await getSetting(tx, rule.setting)) as number;
  return language === "en" ? `${years} years after the last activity, then erased.` : `${years} ans après la dernière activité, puis effacement.`;
}

/** A change of company in the corrections history holds company ids: shown by name, like the card's company. */
async function companiesByName(tx: Reads, row: Record<string, Value>): Promise<Record<string, Value>> {
  if (row.field !== "companyId") return row;
  const name = async (id: Value | undefined) =>
    id === null || id === undefined ? null : ((await tx.one<{ name: string }>(sql`SELECT name FROM companies WHERE id = ${Number(id)}`))?.name ?? id);
  return { ...row, old_value: await name(row.old_value), new_value: await name(row.new_value) };
}

/** Everything held about a person, read through the personal-data map, in the person's language. */
export async function buildAccessReport(tx: Reads, personId: number, requestReference: string, now: number): Promise<AccessReport> {
  const person = await tx.one<{ firstName: string; lastName: string; language: string }>(
    sql`SELECT first_name AS "firstName", last_name AS "lastName", language FROM people WHERE id = ${personId}`,
  );
  if (!person) throw new AppError("NOT_FOUND", "not_found", { entity: "person" }, "personId");
  // French for French, German and Italian speakers (the documents exist in French and English).
  const language: ReportLanguage = person.language === "en" ? "en" : "fr";

  const sections: AccessReportSection[] = [];
  for (const category of CATEGORIES) {
    const info = CATEGORY_INFO[category];
    const tables: AccessReportSection["tables"] = [];
    for (const entry of PERSONAL_DATA.filter((e) => e.category === category)) {
      const columns = reportedColumns(entry);
      // Names from the map and the schema, never from input: written into the text as they are.
      const select = columns.map((c) => (NAMED[c.name] ? `${NAMED[c.name]!(language)} AS ${c.name}` : `t.${c.name}`)).join(", ");
      const raw = await tx.all<Record<string, Value>>(sql`SELECT ${sql.raw(select)} FROM ${sql.raw(tableName(entry.table))} t WHERE ${linkWhere(entry, personId, "t")} ORDER BY ${sql.raw(rowOrder(entry))}`);
      const rows = raw.map((row) =>
        Object.fromEntries(
          columns.map((c) => {
            const v = row[c.name] ?? null;
            if (v === null || NAMED[c.name]) return [c.name, v];
            // rawInstantText: a stored time far outside any real date is shown as is, never a failure.
            if (c.kind === "time") return [c.name, typeof v === "number" ? rawInstantText(v) : v];
            // SQLite stores a flag as 1/0, PostgreSQL as a boolean.
            if (c.kind === "boolean") return [c.name, v === 1 || v === true];
            return [c.name, v];
          }),
        ),
      );
      const table = tableName(entry.table);
      const shown: Record<string, Value>[] = [];
      for (const row of rows) shown.push(table === "person_history" ? await companiesByName(tx, row) : row);
      tables.push({ table, rows: shown });
    }
    sections.push({ category, title: info.title[language], purpose: info.purpose[language], source: info.source[language], retention: await retentionText(category, tx, language), tables });
  }

  return {
    controller: await getSetting(tx, "privacy.controller"),
    recipients: await getSetting(tx, "privacy.recipients"),
    generatedAt: new Date(now).toISOString(),
    language,
    requestReference,
    subject: { id: personId, name: [person.firstName, person.lastName].filter(Boolean).join(" ") },
    sections,
  };
}
