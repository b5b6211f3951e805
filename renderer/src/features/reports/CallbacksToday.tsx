import { ActionIcon, Anchor, Group, Text, Tooltip } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useApiQuery } from "../../api/queries";
import { formatDateTime, formatTime } from "../../i18n/zurichTime";
import { DataTable, tableColumns } from "../../ui/DataTable";
import { UserText } from "../../ui/UserText";
import { OverdueMarker, overdueRow, SeverityBadge } from "./ReportBadges";
import { PhoneIcon, RefreshIcon } from "./reportIcons";
import type { DueCallback } from "./reportTypes";

const REFRESH_MS = 60_000;
const column = tableColumns<DueCallback>();

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
  const due = query.data;
  /** When the list arrived: "today" is the day it was read. */
  const loadedAt = query.dataUpdatedAt;
  const overdue = due?.filter((d) => d.overdue).length ?? 0;

  const columns = useMemo(
    () => [
      column.accessor("nextCallbackAt", {
        header: t("reports.callbacks.when"),
        cell: (info) => {
          const row = info.row.original;
          return (
            <Group gap={8} wrap="nowrap">
              <Text span fz="sm" fw={row.overdue ? 700 : 500} c={row.overdue ? "red.8" : undefined}>
                {sameDay(row.nextCallbackAt, loadedAt) ? formatTime(row.nextCallbackAt) : formatDateTime(row.nextCallbackAt)}
              </Text>
              {row.overdue && <OverdueMarker compact />}
            </Group>
          );
        },
      }),
      column.accessor("dial", {
        header: t("reports.callbacks.dial"),
        cell: (info) =>
          info.row.original.callbackPhone ? (
            <Anchor href={`tel:${info.row.original.callbackPhone}`} ff="monospace" fw={700} style={{ display: "inline-flex", alignItems: "center", gap: 6 }}>
              <PhoneIcon size={15} />
              {info.getValue()}
            </Anchor>
          ) : (
            <Text span c="dimmed" fz="sm">
              {t("reports.callbacks.noNumber")}
            </Text>
          ),
      }),
      column.accessor("reporter", {
        header: t("reports.columns.reporter"),
        cell: (info) => (
          <Anchor component={Link} to={`/people/${info.row.original.personId}`} fz="sm">
            <UserText title>{info.getValue()}</UserText>
          </Anchor>
        ),
      }),
      column.accessor("callbackWindow", {
        header: t("reports.callback.window"),
        cell: (info) => (info.getValue() ? <UserText title>{info.getValue()}</UserText> : <Text span c="dimmed">—</Text>),
      }),
      column.accessor("reference", {
        header: t("reports.columns.reference"),
        cell: (info) => (
          <Anchor component={Link} to={`/reports/${info.row.original.id}`} ff="monospace" fz="sm" fw={600}>
            {info.getValue()}
          </Anchor>
        ),
      }),
      column.accessor("title", {
        header: t("reports.columns.title"),
        cell: (info) => (
          <UserText lines={2} title>
            {info.getValue()}
          </UserText>
        ),
      }),
      column.accessor("severity", { header: t("reports.columns.severity"), cell: (info) => <SeverityBadge severity={info.getValue()} /> }),
      column.accessor("assignee", {
        header: t("reports.columns.assignee"),
        cell: (info) =>
          info.getValue() ? (
            <UserText title>{info.getValue()}</UserText>
          ) : (
            <Text span c="dimmed" fz="sm">
              {t("reports.unassigned")}
            </Text>
          ),
      }),
    ],
    [t, loadedAt],
  );

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
      <DataTable
        label={t("reports.callbacks.tableLabel")}
        columns={columns}
        rows={due}
        rowId={(row) => String(row.id)}
        empty={t("reports.callbacks.empty")}
        // Sized for their content, the title taking the rest on two lines (about 200 px at 1280 px,
        // 360 at 1440, where it had 76 and 236 on one line).
        widths={{ nextCallbackAt: 150, dial: 176, reporter: 140, callbackWindow: 124, reference: 128, severity: 92, assignee: 112 }}
        rowProps={(row) => overdueRow(row.overdue)}
      />
    </>
  );
}
