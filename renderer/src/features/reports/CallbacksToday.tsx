import { ActionIcon, Anchor, Group, Loader, Paper, Table, Text, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useApiQuery } from "../../api/queries";
import { formatDateTime, formatTime } from "../../i18n/zurichTime";
import { OverdueMarker, SeverityBadge } from "./ReportBadges";
import { PhoneIcon, RefreshIcon } from "./reportIcons";

const REFRESH_MS = 60_000;
const ellipsis = { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" } as const;

function sameDay(at: number, now: number): boolean {
  return formatDateTime(at).slice(0, 10) === formatDateTime(now).slice(0, 10);
}

/**
 * Call-backs due by the end of the day in Geneva (late ones from earlier days first), in time
 * order, with the number to dial one click away.
 */
export function CallbacksToday() {
  const { t } = useTranslation();
  const query = useApiQuery("reports.callbacksDue", {}, { refetchInterval: REFRESH_MS });
  const due = query.data ?? null;
  /** When the list arrived: "today" is the day it was read. */
  const loadedAt = query.dataUpdatedAt;
  const overdue = due?.filter((d) => d.overdue).length ?? 0;

  return (
    <>
      <Group justify="space-between" mb="sm">
        <Text fz="sm" c="dimmed" aria-live="polite">
          {due ? t("reports.callbacks.count", { count: due.length }) + (overdue ? ` · ${t("reports.callbacks.overdueCount", { count: overdue })}` : "") : t("common.loading")}
        </Text>
        <Tooltip label={t("reports.queue.refresh")}>
          <ActionIcon variant="default" size="lg" aria-label={t("reports.queue.refresh")} loading={query.isFetching} onClick={() => void query.refetch()}>
            <RefreshIcon size={18} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <Paper withBorder radius="md" style={{ overflow: "hidden" }}>
        <Table layout="fixed" highlightOnHover aria-label={t("reports.callbacks.tableLabel")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={170}>{t("reports.callbacks.when")}</Table.Th>
              <Table.Th w={190}>{t("reports.callbacks.dial")}</Table.Th>
              <Table.Th w={160}>{t("reports.columns.reporter")}</Table.Th>
              <Table.Th w={170}>{t("reports.callback.window")}</Table.Th>
              <Table.Th w={140}>{t("reports.columns.reference")}</Table.Th>
              <Table.Th>{t("reports.columns.title")}</Table.Th>
              <Table.Th w={92}>{t("reports.columns.severity")}</Table.Th>
              <Table.Th w={130}>{t("reports.columns.assignee")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(due ?? []).map((row) => (
              <Table.Tr
                key={row.id}
                data-overdue={row.overdue || undefined}
                style={{
                  background: row.overdue ? "var(--mantine-color-red-0)" : undefined,
                  boxShadow: row.overdue ? "inset 4px 0 0 var(--mantine-color-red-7)" : undefined,
                }}
              >
                <Table.Td>
                  <Group gap={8} wrap="nowrap">
                    <Text span fz="sm" fw={row.overdue ? 700 : 500} c={row.overdue ? "red.8" : undefined}>
                      {sameDay(row.nextCallbackAt, loadedAt) ? formatTime(row.nextCallbackAt) : formatDateTime(row.nextCallbackAt)}
                    </Text>
                    {row.overdue && <OverdueMarker compact />}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {row.callbackPhone ? (
                    <Anchor href={`tel:${row.callbackPhone}`} ff="monospace" fw={700} style={{ display: "inline-flex", alignItems: "center", gap: 6 }}>
                      <PhoneIcon size={15} />
                      {row.dial}
                    </Anchor>
                  ) : (
                    <Text span c="dimmed" fz="sm">
                      {t("reports.callbacks.noNumber")}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={ellipsis}>
                  <Anchor component={Link} to={`/people/${row.personId}`} fz="sm">
                    {row.reporter}
                  </Anchor>
                </Table.Td>
                <Table.Td style={ellipsis} title={row.callbackWindow}>
                  {row.callbackWindow || <Text span c="dimmed">—</Text>}
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/reports/${row.id}`} ff="monospace" fz="sm" fw={600}>
                    {row.reference}
                  </Anchor>
                </Table.Td>
                <Table.Td style={ellipsis} title={row.title}>
                  {row.title}
                </Table.Td>
                <Table.Td>
                  <SeverityBadge severity={row.severity} />
                </Table.Td>
                <Table.Td style={ellipsis}>{row.assignee ?? <Text span c="dimmed" fz="sm">{t("reports.unassigned")}</Text>}</Table.Td>
              </Table.Tr>
            ))}
            {(due ?? []).length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={8} ta="center" py="xl" c="dimmed">
                  {due ? t("reports.callbacks.empty") : <Loader size="sm" aria-label={t("common.loading")} />}
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Paper>
    </>
  );
}
