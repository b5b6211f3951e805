import { Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import type { TFunction } from "i18next";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCan } from "../../api/capabilities";
import { fetchApi } from "../../api/queries";
import { notifyError } from "../../ui/toasts";
import { formatDateTime, isoToSwiss } from "../../i18n/zurichTime";
import { CardSection, Facts } from "../../ui/CardSection";
import { UserText } from "../../ui/UserText";
import { formatPhone } from "../../../../common/phone";
import { base64ToBlob, saveFile } from "../../ui/fileDownload";
import { DownloadIcon, ReportDocumentIcon } from "./privacyIcons";
import type { AccessReportResult, RequestDetail } from "./privacyTypes";

type Value = string | number | boolean | null;
type FileRow = Record<string, Value>;

/**
 * The JSON file the person receives (db/access-report-json.ts), as far as the screen reads it: each
 * table with its title and its columns' labels, and beside every coded value its label as
 * `<column>_label` — in the report's language, from the server's one list (common/labels.ts, the
 * same the PDF prints). The screen shows what the files hold, never a second list of its own.
 */
interface ReportFile {
  sections: {
    category: string;
    title: string;
    purpose: string;
    source: string;
    retention: string;
    tables: { table: string; title: string; columns: Record<string, string>; rows: FileRow[] }[];
  }[];
}
type FileSection = ReportFile["sections"][number];
type FileTable = FileSection["tables"][number];

/** A stored value as a person reads it: the file's label for a code, Swiss dates, phone numbers as written, yes/no. */
export function readableValue(t: TFunction, row: FileRow, column: string): string {
  const coded = row[`${column}_label`];
  if (typeof coded === "string") return coded;
  const value = row[column] ?? null;
  if (value === null || value === "") return "—";
  if (typeof value === "boolean") return value ? t("privacy.report.yes") : t("privacy.report.no");
  if (column === "at" || column.endsWith("_at")) {
    const ms = typeof value === "number" ? value : Date.parse(value);
    return Number.isNaN(ms) ? String(value) : formatDateTime(ms);
  }
  if (typeof value === "string" && column.endsWith("_on")) return isoToSwiss(value);
  if (typeof value === "string" && (column === "e164" || column === "callback_phone")) return formatPhone(value);
  return String(value);
}

/**
 * The access report (revFADP Art. 25): generated on demand once the identity is checked, saved as
 * the PDF sent to the person and the JSON file that makes the data portable (Art. 28); its
 * content is shown below the request, full width (`AccessReportView`).
 */
export function AccessReportPanel({
  request,
  blockedReason,
  result,
  onResult,
}: {
  request: RequestDetail;
  blockedReason: string | null;
  result: AccessReportResult | null;
  onResult(result: AccessReportResult): void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const allowed = useCan()("privacy.accessReport");

  async function generate() {
    setBusy(true);
    try {
      // An audited read, made on demand: a fresh one each time, never an answer from the cache.
      onResult(await fetchApi("privacy.accessReport", { requestId: request.id }));
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  }

  const reason = !allowed ? t("privacy.report.roleOnly") : blockedReason;

  return (
    <CardSection
      title={t("privacy.report.title")}
      actions={
        result && (
          <>
            <Button size="compact-sm" leftSection={<DownloadIcon size={14} />} onClick={() => saveFile(base64ToBlob(result.pdfBase64, "application/pdf"), result.pdfName)}>
              {t("privacy.report.downloadPdf")}
            </Button>
            <Button
              size="compact-sm"
              variant="default"
              leftSection={<DownloadIcon size={14} />}
              onClick={() => saveFile(new Blob([result.json], { type: "application/json" }), result.jsonName)}
            >
              {t("privacy.report.downloadJson")}
            </Button>
          </>
        )
      }
    >
      {result ? (
        <Text fz="sm">
          {t("privacy.report.generated", { name: result.report.subject.name, date: formatDateTime(Date.parse(result.report.generatedAt)), language: t(`privacy.report.languages.${result.report.language}`) })}
        </Text>
      ) : (
        <Stack gap="xs" align="flex-start">
          <Text fz="sm" c="dimmed">
            {t("privacy.report.intro")}
          </Text>
          <Button leftSection={<ReportDocumentIcon size={16} />} onClick={() => void generate()} loading={busy} disabled={reason !== null}>
            {t("privacy.report.open")}
          </Button>
          {reason && (
            <Text fz="sm" c="orange.9">
              {reason}
            </Text>
          )}
        </Stack>
      )}
    </CardSection>
  );
}

/** Everything the report holds, section by section: what, why, from where, for how long. */
export function AccessReportView({ result }: { result: AccessReportResult }) {
  const { t } = useTranslation();
  const { report } = result;
  const file = useMemo(() => JSON.parse(result.json) as ReportFile, [result.json]);
  const c = report.controller;
  return (
    <CardSection title={t("privacy.report.contentTitle")}>
      <Stack gap="md">
        <Facts
          items={[
            { label: t("privacy.report.controller"), value: [c.name, c.street, `${c.postalCode} ${c.city}`.trim(), c.country, c.phone, c.email].filter(Boolean).join(", ") },
            {
              label: t("privacy.report.recipients"),
              value: report.recipients.length ? report.recipients.map((r) => [r.name, r.purpose, r.country].filter(Boolean).join(" — ")).join(" · ") : t("privacy.report.noRecipients"),
            },
          ]}
        />
        {file.sections.map((section) => (
          <ReportSection key={section.category} section={section} />
        ))}
      </Stack>
    </CardSection>
  );
}

function ReportSection({ section }: { section: FileSection }) {
  const { t } = useTranslation();
  const rowCount = section.tables.reduce((n, table) => n + table.rows.length, 0);
  return (
    <section aria-label={section.title} style={{ borderTop: "1px solid var(--mantine-color-gray-3)", paddingTop: "var(--mantine-spacing-sm)" }}>
      <Group justify="space-between" mb={4}>
        <Title order={3} fz="h5">
          {section.title}
        </Title>
        <Text fz="xs" c="dimmed">
          {t("privacy.report.entries", { count: rowCount })}
        </Text>
      </Group>
      <Facts
        items={[
          { label: t("privacy.report.purpose"), value: section.purpose },
          { label: t("privacy.report.source"), value: section.source },
          { label: t("privacy.report.retention"), value: section.retention },
        ]}
      />
      {section.tables
        .filter((table) => table.rows.length > 0)
        .map((table) => {
          const columns = Object.keys(table.columns);
          const tableTitle = table.title;
          return (
            <Stack key={table.table} gap={2} mt="xs">
              {section.tables.length > 1 && (
                <Text fz="sm" fw={600}>
                  {tableTitle}
                </Text>
              )}
              {columns.length > WIDE ? (
                <RecordTables title={tableTitle} table={table} columns={columns} />
              ) : (
                // Fits its section: headers and cells wrap between words (a word longer than its
                // column, such as an email, breaks); the scroll container is the last resort of a
                // narrow window.
                <Table.ScrollContainer minWidth={320}>
                  <Table fz="xs" striped="even" withTableBorder aria-label={tableTitle} verticalSpacing={4} horizontalSpacing={6}>
                    <Table.Thead>
                      <Table.Tr>
                        {columns.map((column) => (
                          <Table.Th key={column} style={{ verticalAlign: "bottom", overflowWrap: "break-word" }}>
                            {table.columns[column]}
                          </Table.Th>
                        ))}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {table.rows.map((row, index) => (
                        <Table.Tr key={index}>
                          {columns.map((column) => (
                            <Table.Td key={column} style={{ overflowWrap: "break-word", verticalAlign: "top" }}>
                              <UserText>{readableValue(t, row, column)}</UserText>
                            </Table.Td>
                          ))}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Stack>
          );
        })}
      {rowCount === 0 && (
        <Text fz="sm" c="dimmed" mt={4}>
          {t("privacy.report.noRows")}
        </Text>
      )}
    </section>
  );
}

/** More columns than this and a row is shown as a record (label beside value), not a table row. */
const WIDE = 8;
/** Label–value pairs per line of a record. */
const PAIRS = 3;

/**
 * A wide table (the error reports and the privacy requests have 14 columns) as one small table per
 * record, three label–value pairs a line: as a row it did not fit 1440 px, and squeezed it cut
 * words ("Référe-nce", "01.12.2-026"). The person reads it as a form, as in the PDF.
 */
function RecordTables({ title, table, columns }: { title: string; table: FileTable; columns: string[] }) {
  const { t } = useTranslation();
  const { rows } = table;
  const lines: string[][] = [];
  for (let i = 0; i < columns.length; i += PAIRS) lines.push(columns.slice(i, i + PAIRS));
  return (
    <Stack gap={6}>
      {rows.map((row, index) => (
        <Table key={index} fz="xs" withTableBorder layout="fixed" aria-label={rows.length > 1 ? `${title} (${index + 1})` : title} verticalSpacing={4} horizontalSpacing={6}>
          <colgroup>
            {Array.from({ length: PAIRS }, (_, n) => [<col key={`l${n}`} style={{ width: "13%" }} />, <col key={`v${n}`} style={{ width: `${(100 - 13 * PAIRS) / PAIRS}%` }} />])}
          </colgroup>
          <Table.Tbody>
            {lines.map((line, n) => (
              <Table.Tr key={n}>
                {line.map((column) => [
                  <Table.Th key={`${column}-label`} scope="row" fw={500} c="dimmed" style={{ verticalAlign: "top", overflowWrap: "break-word" }}>
                    {table.columns[column]}
                  </Table.Th>,
                  <Table.Td key={column} style={{ verticalAlign: "top", overflowWrap: "break-word" }}>
                    <UserText>{readableValue(t, row, column)}</UserText>
                  </Table.Td>,
                ])}
                {line.length < PAIRS && <Table.Td colSpan={(PAIRS - line.length) * 2} />}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ))}
    </Stack>
  );
}
