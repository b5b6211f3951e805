import { Center, Group, Paper, SegmentedControl, Stack, Table, Text, Title } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

export interface TableView {
  head: string[];
  rows: (string | number)[][];
}

/** Nothing to draw: no row, or every figure is zero (a chart of zeros is an empty frame). */
function isEmpty(table: TableView): boolean {
  return !table.rows.some((row) => row.some((cell) => typeof cell === "number" && cell !== 0));
}

/**
 * A chart with its numbers a click away as a table (screen readers and exact figures). With
 * nothing to draw it says so, in place of the chart: an empty frame reads as a broken screen.
 */
export function ChartCard({ title, hint, chart, table, height = 240 }: { title: string; hint?: string; chart: ReactNode; table: TableView; height?: number }) {
  const { t } = useTranslation();
  const [view, setView] = useState<"chart" | "table">("chart");
  const empty = isEmpty(table);
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <div>
            <Title order={2} fz="md">
              {title}
            </Title>
            {hint && (
              <Text fz="xs" c="dimmed">
                {hint}
              </Text>
            )}
          </div>
          <SegmentedControl
            size="xs"
            aria-label={t("dashboard.view", { title })}
            value={view}
            onChange={(v) => setView(v as "chart" | "table")}
            data={[
              { value: "chart", label: t("dashboard.chart") },
              { value: "table", label: t("dashboard.table") },
            ]}
          />
        </Group>
        {view === "chart" && empty ? (
          <Center h={height}>
            <Text c="dimmed" fz="sm">
              {t("dashboard.empty")}
            </Text>
          </Center>
        ) : view === "chart" ? (
          <div style={{ height }}>{chart}</div>
        ) : (
          <div style={{ maxHeight: height, overflow: "auto" }}>
            <Table striped="even" fz="sm" verticalSpacing={2} aria-label={title} stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  {table.head.map((h, i) => (
                    <Table.Th key={h} style={{ textAlign: i === 0 ? undefined : "right" }}>
                      {h}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {table.rows.map((row, r) => (
                  <Table.Tr key={r}>
                    {row.map((cell, i) => (
                      <Table.Td key={i} style={{ textAlign: i === 0 ? undefined : "right", fontVariantNumeric: "tabular-nums" }}>
                        {typeof cell === "number" ? cell.toLocaleString("de-CH") : cell}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        )}
      </Stack>
    </Paper>
  );
}
