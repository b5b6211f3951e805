import { Paper, ScrollArea, Table, Text } from "@mantine/core";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime, isoToSwiss } from "../../i18n/zurichTime";
import type { ColumnType, ExportPreview } from "./exportTypes";

type Row = unknown[];
const features = tableFeatures({});
const column = createColumnHelper<typeof features, Row>();

function useCellText() {
  const { t } = useTranslation();
  return (type: ColumnType, value: unknown): string => {
    if (value === null || value === undefined) return "";
    if (type === "instant" && typeof value === "number") return formatDateTime(value);
    if (type === "day" && typeof value === "string") return isoToSwiss(value);
    if (type === "boolean") return value ? t("exports.yes") : t("exports.no");
    if (type === "integer" || type === "number") return Number(value).toLocaleString("de-CH");
    return String(value);
  };
}

/**
 * The first rows as they will be exported (values shown the way the app shows them). Plain text
 * only: whatever a caller typed is rendered as text, never as markup.
 */
export function PreviewTable({ preview }: { preview: ExportPreview }) {
  const { t } = useTranslation();
  const cellText = useCellText();
  const columns = useMemo(
    () =>
      column.columns(
        preview.columns.map((c, i) =>
          column.accessor((row) => row[i], {
            id: c.key,
            header: c.label,
            cell: (info) => cellText(c.type, info.getValue()),
          }),
        ),
      ),
    // cellText only depends on the language, which `preview` (re-fetched on change) follows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [preview],
  );
  const table = useTable({ features, columns, data: preview.rows as Row[], getRowId: (_row, index) => String(index) });
  const numeric = new Set(preview.columns.filter((c) => c.type === "integer" || c.type === "number").map((c) => c.key));

  return (
    <Paper withBorder radius="md" style={{ overflow: "hidden" }}>
      <ScrollArea type="auto" offsetScrollbars="x">
        <Table striped="even" highlightOnHover verticalSpacing={4} fz="sm" aria-label={t("exports.previewTable")} style={{ minWidth: "100%" }}>
          <Table.Thead>
            {table.getHeaderGroups().map((group) => (
              <Table.Tr key={group.id}>
                {group.headers.map((header) => (
                  <Table.Th key={header.id} style={{ whiteSpace: "nowrap", textAlign: numeric.has(header.column.id) ? "right" : undefined }}>
                    <table.FlexRender header={header} />
                  </Table.Th>
                ))}
              </Table.Tr>
            ))}
          </Table.Thead>
          <Table.Tbody>
            {table.getRowModel().rows.map((row) => (
              <Table.Tr key={row.id}>
                {row.getAllCells().map((cell) => (
                  <Table.Td
                    key={cell.id}
                    style={{
                      maxWidth: 280,
                      overflow: "hidden",
                      textOverflow: "ellipsis",
                      whiteSpace: "nowrap",
                      textAlign: numeric.has(cell.column.id) ? "right" : undefined,
                      fontVariantNumeric: "tabular-nums",
                    }}
                  >
                    <table.FlexRender cell={cell} />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
            {preview.rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={preview.columns.length} ta="center" py="lg">
                  <Text c="dimmed" fz="sm">
                    {t("exports.previewEmpty")}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </ScrollArea>
    </Paper>
  );
}
