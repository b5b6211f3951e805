import { rawInstantText } from "../common/date-range";
import { AppError } from "./errors";
import type { ReadableDb } from "./open";
import type { AccessReport, AccessReportSection, AccessReportValue as Value, ReportLanguage } from "../common/contract/privacy";
import { CATEGORIES, CATEGORY_INFO, linkCondition, PERSONAL_DATA, reportedColumns, tableName, type Category } from "./personal-data";
import { getSettingSync } from "./settings";
import { statement } from "./statements";

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

function retentionText(category: Category, db: ReadableDb, language: ReportLanguage): string {
  const rule = CATEGORY_INFO[category].retention;
  if (!("setting" in rule)) return rule[language];
  const years = getSettingSync(db, rule.setting) as number;
  return language === "en" ? `${years} years after the last activity, then erased.` : `${years} ans après la dernière activité, puis effacement.`;
}

/** A change of company in the corrections history holds company ids: shown by name, like the card's company. */
function companiesByName(db: ReadableDb, row: Record<string, Value>): Record<string, Value> {
  if (row.field !== "companyId") return row;
  const name = (id: Value | undefined) => (id === null || id === undefined ? null : ((statement(db, "SELECT name FROM companies WHERE id = ?").pluck().get(Number(id)) as string | undefined) ?? id));
  return { ...row, old_value: name(row.old_value), new_value: name(row.new_value) };
}

/** Everything held about a person, read through the personal-data map, in the person's language. */
export function buildAccessReport(db: ReadableDb, personId: number, requestReference: string, now: number): AccessReport {
  const person = statement(db, "SELECT first_name AS firstName, last_name AS lastName, language FROM people WHERE id = ?").get(personId) as
    | { firstName: string; lastName: string; language: string }
    | undefined;
  if (!person) throw new AppError("NOT_FOUND", "not_found", { entity: "person" }, "personId");
  // French for French, German and Italian speakers (the documents exist in French and English).
  const language: ReportLanguage = person.language === "en" ? "en" : "fr";

  const sections = CATEGORIES.map((category): AccessReportSection => {
    const info = CATEGORY_INFO[category];
    const tables = PERSONAL_DATA.filter((entry) => entry.category === category).map((entry) => {
      const columns = reportedColumns(entry);
      const select = columns.map((c) => (NAMED[c.name] ? `${NAMED[c.name]!(language)} AS ${c.name}` : `t.${c.name}`)).join(", ");
      const raw = statement(db, `SELECT ${select} FROM ${tableName(entry.table)} t WHERE ${linkCondition(entry, "t")} ORDER BY t.rowid`).all(personId) as Record<string, Value>[];
      const rows = raw.map((row) =>
        Object.fromEntries(
          columns.map((c) => {
            const v = row[c.name] ?? null;
            if (v === null || NAMED[c.name]) return [c.name, v];
            // rawInstantText: a stored time far outside any real date is shown as is, never a failure.
            if (c.kind === "time") return [c.name, typeof v === "number" ? rawInstantText(v) : v];
            if (c.kind === "boolean") return [c.name, v === 1 || v === true];
            return [c.name, v];
          }),
        ),
      );
      return { table: tableName(entry.table), rows: tableName(entry.table) === "person_history" ? rows.map((row) => companiesByName(db, row)) : rows };
    });
    return { category, title: info.title[language], purpose: info.purpose[language], source: info.source[language], retention: retentionText(category, db, language), tables };
  });

  return {
    controller: getSettingSync(db, "privacy.controller"),
    recipients: getSettingSync(db, "privacy.recipients"),
    generatedAt: new Date(now).toISOString(),
    language,
    requestReference,
    subject: { id: personId, name: [person.firstName, person.lastName].filter(Boolean).join(" ") },
    sections,
  };
}
