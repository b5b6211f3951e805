import { ActionIcon, Anchor, Group, Loader, Text, Tooltip, VisuallyHidden } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { QUEUE_SORTS, type QueueSort } from "../../../../common/enums";
import { useCan } from "../../api/capabilities";
import { queryClient, useApiQuery } from "../../api/queries";
import { formatDateTime } from "../../i18n/zurichTime";
import { DataTable, tableColumns } from "../../ui/DataTable";
import { UserText } from "../../ui/UserText";
import { PAGE_SIZES, toQuery, type QueueFilterState } from "./queueFilter";
import { QueueFilters } from "./QueueFilters";
import { overdueRow, SeverityBadge, StatusBadge } from "./ReportBadges";
import { AlarmIcon, RefreshIcon } from "./reportIcons";
import type { QueueRow } from "./reportTypes";
import { useQueueFilter } from "./useQueueFilter";
import { formatCompactDateTime } from "./zurichDateTime";

/** The queue follows new reports and call-backs falling due without anyone pressing a key. */
const REFRESH_MS = 60_000;

const column = tableColumns<QueueRow>();
// Sized for their content, the title taking the rest (and any extra width) on two lines: at 1440 px
// it gets about 280 px, at 1280 px (the last-modified date left out) about 220 — some 60 characters
// where it used to show 2 to 10. A long status ("En attente du client") is cut, its colour stays.
const WIDTHS: Record<string, number | undefined> = {
  reference: 128,
  status: 124,
  severity: 100,
  productName: 100,
  reporter: 124,
  assignee: 108,
  nextCallbackAt: 110,
  createdAt: 110,
  updatedAt: 112,
};
/** Below this table width the last-modified date gives its room to the title (a 1280 px screen). */
const HIDE_BELOW: Record<string, number | undefined> = { updatedAt: 1200 };
const isSort = (id: string): id is QueueSort => (QUEUE_SORTS as readonly string[]).includes(id);

/** A date in the compact form, the full one on hover. */
function DateCell({ at, now }: { at: number; now: number }) {
  return <span title={formatDateTime(at)}>{formatCompactDateTime(at, now)}</span>;
}

/** The support queue: every report, filtered, sorted and paged on the server. */
export function ReportQueue() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const { filter, setFilter, effective } = useQueueFilter();
  const [pageIndex, setPageIndex] = useState(0);
  // Inactive products too: their old reports are still in the queue.
  const products = useApiQuery("products.list", { includeInactive: true }).data ?? [];
  const assignees = useApiQuery("reports.assignees", {}, { enabled: can("reports.assignees") }).data ?? null;

  const list = useApiQuery("reports.list", effective ? toQuery(effective, pageIndex) : {}, { enabled: effective !== null, keepPrevious: true, refetchInterval: REFRESH_MS });
  // How many open reports have a call-back past due, whatever the other filters: the queue's alarm.
  const overdueCount = useApiQuery("reports.list", { overdue: true, pageSize: 1 }, { refetchInterval: REFRESH_MS }).data?.total ?? null;
  /** When the page arrived: the "now" its dates are shown against. */
  const loadedAt = list.dataUpdatedAt;
  const reload = () => void queryClient.invalidateQueries({ queryKey: ["reports.list"] });

  function changeFilter(next: QueueFilterState) {
    setFilter(next);
    setPageIndex(0);
  }

  const columns = useMemo(
    () => [
      column.accessor("reference", {
        header: t("reports.columns.reference"),
        sortDescFirst: false,
        cell: (info) => (
          <Anchor component={Link} to={`/reports/${info.row.original.id}`} ff="monospace" fz="sm" fw={600}>
            {info.getValue()}
          </Anchor>
        ),
      }),
      column.accessor("title", {
        header: t("reports.columns.title"),
        enableSorting: false,
        cell: (info) => (
          <UserText lines={2} title>
            {info.getValue()}
          </UserText>
        ),
      }),
      column.accessor("status", { header: t("reports.columns.status"), sortDescFirst: false, cell: (info) => <StatusBadge status={info.getValue()} /> }),
      column.accessor("severity", { header: t("reports.columns.severity"), sortDescFirst: true, cell: (info) => <SeverityBadge severity={info.getValue()} /> }),
      column.accessor("productName", { header: t("reports.columns.product"), enableSorting: false, cell: (info) => <UserText title>{info.getValue()}</UserText> }),
      column.accessor("reporter", { header: t("reports.columns.reporter"), enableSorting: false, cell: (info) => <UserText title>{info.getValue()}</UserText> }),
      column.accessor("assignee", {
        header: t("reports.columns.assignee"),
        enableSorting: false,
        cell: (info) =>
          info.getValue() ? (
            <UserText title>{info.getValue()}</UserText>
          ) : (
            <Text span c="dimmed" fz="sm">
              {t("reports.unassigned")}
            </Text>
          ),
      }),
      column.accessor("nextCallbackAt", {
        header: t("reports.columns.nextCallback"),
        sortDescFirst: false,
        cell: (info) => {
          const at = info.getValue();
          if (at === null) return <Text span c="dimmed">—</Text>;
          if (!info.row.original.overdue) return <DateCell at={at} now={loadedAt} />;
          return (
            <Group gap={4} wrap="nowrap" c="red.8" component="span" title={`${t("reports.overdue")} · ${formatDateTime(at)}`}>
              <AlarmIcon size={15} />
              <Text span fz="sm" fw={700} c="red.8">
                {formatCompactDateTime(at, loadedAt)}
              </Text>
              <VisuallyHidden>{t("reports.overdue")}</VisuallyHidden>
            </Group>
          );
        },
      }),
      column.accessor("createdAt", { header: t("reports.columns.created"), sortDescFirst: true, cell: (info) => <DateCell at={info.getValue()} now={loadedAt} /> }),
      column.accessor("updatedAt", { header: t("reports.columns.updated"), sortDescFirst: true, cell: (info) => <DateCell at={info.getValue()} now={loadedAt} /> }),
    ],
    [t, loadedAt],
  );

  if (!filter) return <Loader size="sm" aria-label={t("common.loading")} />;

  return (
    <>
      <div style={{ marginBottom: "var(--mantine-spacing-sm)" }}>
        <QueueFilters value={filter} onChange={changeFilter} products={products} assignees={assignees} overdueCount={overdueCount} canBeAssigned={can("reports.setStatus")} />
      </div>

      <DataTable
        label={t("reports.queue.tableLabel")}
        columns={columns}
        rows={list.data?.rows}
        rowId={(row) => String(row.id)}
        loading={list.isPlaceholderData}
        empty={t("reports.queue.empty")}
        widths={WIDTHS}
        hideBelow={HIDE_BELOW}
        onOpen={(row) => void navigate(`/reports/${row.id}`)}
        rowProps={(row) => overdueRow(row.overdue)}
        sorting={{
          state: [{ id: filter.sort, desc: filter.direction === "desc" }],
          onChange: ([next]) => {
            if (next && isSort(next.id)) changeFilter({ ...filter, sort: next.id, direction: next.desc ? "desc" : "asc" });
          },
        }}
        pager={{
          pageIndex,
          pageSize: filter.pageSize,
          rowCount: list.data?.total ?? 0,
          capped: list.data?.totalCapped ?? false,
          onChange: (next) => (next.pageSize !== filter.pageSize ? changeFilter({ ...filter, pageSize: next.pageSize }) : setPageIndex(next.pageIndex)),
          emptyLabel: t("reports.queue.none"),
          pageSizes: PAGE_SIZES,
          groupDigits: true,
          summaryWidth: 140,
          actions: (
            <Tooltip label={t("reports.queue.refresh")}>
              <ActionIcon variant="subtle" color="gray" aria-label={t("reports.queue.refresh")} loading={list.isFetching} onClick={reload}>
                <RefreshIcon size={17} />
              </ActionIcon>
            </Tooltip>
          ),
        }}
      />
    </>
  );
}
