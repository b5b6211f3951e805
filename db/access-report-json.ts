import type { AccessReport } from "./access-report";
import { jsonDateTime } from "./access-report-dates";
import { codeLabel, COLUMN_LABELS, jsonValue, TABLE_TITLES } from "./access-report-labels";

/**
 * The access report as the JSON file the person receives (revFADP Art. 28: their data in a common
 * electronic format). It serves machines and people at once:
 * - every coded value keeps its code (what another system can map) and gets its label in the
 *   person's language beside it, as `<column>_label` (`"channel": "email", "channel_label":
 *   "E-mail"`): the keys stay the stored column names, in the one naming style of the file;
 * - times are ISO 8601 with Geneva's offset (`2026-11-25T10:00:00+01:00`): one exact instant,
 *   which also reads as the wall-clock time the PDF shows; calendar days stay `YYYY-MM-DD`;
 * - each table has its title and its columns' labels, so the file explains itself;
 * - every text is exactly as stored (bidi controls and emoji included): the PDF draws text, the
 *   JSON carries it.
 */
export function accessReportJson(report: AccessReport): string {
  const l = report.language;
  const document = {
    language: l,
    generatedAt: jsonDateTime(report.generatedAt),
    requestReference: report.requestReference,
    controller: report.controller,
    recipients: report.recipients,
    subject: report.subject,
    sections: report.sections.map((section) => ({
      ...section,
      tables: section.tables.map(({ table, rows }) => ({
        table,
        title: TABLE_TITLES[table]?.[l] ?? table,
        columns: Object.fromEntries(Object.keys(rows[0] ?? {}).map((column) => [column, COLUMN_LABELS[column]?.[l] ?? column])),
        rows: rows.map((row) =>
          Object.fromEntries(
            Object.entries(row).flatMap(([column, value]) => {
              const label = codeLabel(table, column, value, row, l);
              return label === null ? [[column, jsonValue(column, value)]] : [[column, value], [`${column}_label`, label]];
            }),
          ),
        ),
      })),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
