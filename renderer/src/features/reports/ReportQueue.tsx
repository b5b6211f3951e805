import { ActionIcon, Anchor, Group, Loader, Paper, Table, Text, Tooltip, UnstyledButton, VisuallyHidden } from "@mantine/core";
import {
  createColumnHelper,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type PaginationState,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { QUEUE_SORTS, type QueueSort } from "../../../../common/enums";
import { useCan } from "../../api/capabilities";
import { queryClient, useApiQuery } from "../../api/queries";
import { TablePager } from "../../ui/TablePager";
import { formatDateTime } from "../../i18n/zurichTime";
import { PAGE_SIZES, toQuery, type QueueFilterState } from "./queueFilter";
import { QueueFilters } from "./QueueFilters";
import { SeverityBadge, StatusBadge } from "./ReportBadges";
import { SortAscIcon, SortDescIcon, SortNoneIcon } from "../../ui/icons";
import { AlarmIcon, RefreshIcon } from "./reportIcons";
import type { QueueRow } from "./reportTypes";
import { useQueueFilter } from "./useQueueFilter";
import { formatCompactDateTime } from "./zurichDateTime";

// The server filters, sorts and slices (500,000 reports): no client row model is registered.
/** The queue follows new reports and call-backs falling due without anyone pressing a key. */
const REFRESH_MS = 60_000;

const features = tableFeatures({ rowPaginationFeature, rowSortingFeature });
const column = createColumnHelper<typeof features, QueueRow>();
const NO_ROWS: QueueRow[] = [];
// Sized for their content at 1440 px, the title taking the rest (and any extra width).
const WIDTHS: Record<string, number | undefined> = {
  reference: 138,
  status: 142,
  severity: 106,
  productName: 110,
  reporter: 140,
  assignee: 120,
  nextCallbackAt: 124,
  createdAt: 108,
  updatedAt: 116,
};
const ellipsis = { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" } as const;
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
  const page = list.data ?? null;
  /** When the page arrived: the "now" its dates are shown against. */
  const loadedAt = list.dataUpdatedAt;
  const loading = list.isFetching;
  const reload = () => void queryClient.invalidateQueries({ queryKey: ["reports.list"] });

  function changeFilter(next: QueueFilterState) {
    setFilter(next);
    setPageIndex(0);
  }

  const sorting: SortingState = filter ? [{ id: filter.sort, desc: filter.direction === "desc" }] : [];
  const pagination: PaginationState = { pageIndex, pageSize: filter?.pageSize ?? 50 };

  const columns = useMemo(
    () =>
      column.columns([
        column.accessor("reference", {
          header: t("reports.columns.reference"),
          sortDescFirst: false,
          cell: (info) => (
            <Anchor component={Link} to={`/reports/${info.row.original.id}`} ff="monospace" fz="sm" fw={600} onClick={(e) => e.stopPropagation()}>
              {info.getValue()}
            </Anchor>
          ),
        }),
        column.accessor("title", {
          header: t("reports.columns.title"),
          enableSorting: false,
          cell: (info) => <span title={info.getValue()}>{info.getValue()}</span>,
        }),
        column.accessor("status", { header: t("reports.columns.status"), sortDescFirst: false, cell: (info) => <StatusBadge status={info.getValue()} /> }),
        column.accessor("severity", { header: t("reports.columns.severity"), sortDescFirst: true, cell: (info) => <SeverityBadge severity={info.getValue()} /> }),
        column.accessor("productName", { header: t("reports.columns.product"), enableSorting: false, cell: (info) => <span title={info.getValue()}>{info.getValue()}</span> }),
        column.accessor("reporter", { header: t("reports.columns.reporter"), enableSorting: false, cell: (info) => <span title={info.getValue()}>{info.getValue()}</span> }),
        column.accessor("assignee", {
          header: t("reports.columns.assignee"),
          enableSorting: false,
          cell: (info) =>
            info.getValue() ?? (
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
      ]),
    [t, loadedAt],
  );

  const table = useTable({
    features,
    columns,
    data: page?.rows ?? NO_ROWS,
    getRowId: (row) => String(row.id),
    manualPagination: true,
    manualSorting: true,
    enableMultiSort: false,
    // The server always orders by something: a third click flips the order instead of clearing it.
    enableSortingRemoval: false,
    rowCount: page?.total ?? 0,
    state: { pagination, sorting },
    onPaginationChange: (updater: Updater<PaginationState>) => {
      const next = typeof updater === "function" ? updater(pagination) : updater;
      if (filter && next.pageSize !== filter.pageSize) {
        changeFilter({ ...filter, pageSize: next.pageSize });
        return;
      }
      setPageIndex(next.pageIndex);
    },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = (typeof updater === "function" ? updater(sorting) : updater)[0];
      if (filter && next && isSort(next.id)) changeFilter({ ...filter, sort: next.id, direction: next.desc ? "desc" : "asc" });
    },
  });

  if (!filter) return <Loader size="sm" aria-label={t("common.loading")} />;

  const rows = table.getRowModel().rows;
  const columnCount = table.getAllLeafColumns().length;
  const capped = page?.totalCapped ?? false;

  return (
    <>
      <div style={{ marginBottom: "var(--mantine-spacing-sm)" }}>
        <QueueFilters value={filter} onChange={changeFilter} products={products} assignees={assignees} overdueCount={overdueCount} canBeAssigned={can("reports.setStatus")} />
      </div>

      <Paper withBorder radius="md" style={{ overflow: "hidden" }}>
        <Table layout="fixed" highlightOnHover aria-label={t("reports.queue.tableLabel")} aria-busy={loading} aria-rowcount={page ? page.total + 1 : undefined}>
          <Table.Thead>
            {table.getHeaderGroups().map((group) => (
              <Table.Tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const canSort = header.column.getCanSort();
                  return (
                    <Table.Th
                      key={header.id}
                      w={WIDTHS[header.column.id]}
                      aria-sort={canSort ? (sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none") : undefined}
                      style={ellipsis}
                    >
                      {canSort ? (
                        <UnstyledButton
                          onClick={header.column.getToggleSortingHandler()}
                          fz="sm"
                          fw={700}
                          style={{ display: "inline-flex", alignItems: "center", gap: 4, maxWidth: "100%" }}
                        >
                          <span style={ellipsis}>
                            <table.FlexRender header={header} />
                          </span>
                          <span style={{ display: "flex", color: sorted ? "var(--mantine-color-jet-7)" : "var(--mantine-color-gray-5)" }}>
                            {sorted === "asc" ? <SortAscIcon size={14} /> : sorted === "desc" ? <SortDescIcon size={14} /> : <SortNoneIcon size={14} />}
                          </span>
                        </UnstyledButton>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </Table.Th>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Thead>
          <Table.Tbody style={{ opacity: list.isPlaceholderData ? 0.6 : 1, transition: "opacity 120ms" }}>
            {rows.map((row) => {
              const overdue = row.original.overdue;
              return (
                <Table.Tr
                  key={row.id}
                  data-overdue={overdue || undefined}
                  onClick={() => void navigate(`/reports/${row.original.id}`)}
                  style={{
                    cursor: "pointer",
                    background: overdue ? "var(--mantine-color-red-0)" : undefined,
                    boxShadow: overdue ? "inset 4px 0 0 var(--mantine-color-red-7)" : undefined,
                  }}
                >
                  {row.getAllCells().map((cell) => (
                    <Table.Td key={cell.id} style={ellipsis}>
                      <table.FlexRender cell={cell} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              );
            })}
            {rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={columnCount} ta="center" py="xl" c="dimmed">
                  {page ? t("reports.queue.empty") : <Loader size="sm" aria-label={t("common.loading")} />}
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
        <TablePager
          emptyLabel={t("reports.queue.none")}
          pageSizes={PAGE_SIZES}
          groupDigits
          summaryWidth={140}
          actions={
            <Tooltip label={t("reports.queue.refresh")}>
              <ActionIcon variant="subtle" color="gray" aria-label={t("reports.queue.refresh")} loading={loading} onClick={reload}>
                <RefreshIcon size={17} />
              </ActionIcon>
            </Tooltip>
          }
          pager={{
            pageIndex,
            pageSize: pagination.pageSize,
            pageCount: table.getPageCount(),
            rowCount: table.getRowCount(),
            capped,
            canPrevious: table.getCanPreviousPage(),
            canNext: capped ? rows.length === pagination.pageSize : table.getCanNextPage(),
            first: () => table.firstPage(),
            previous: () => table.previousPage(),
            next: () => (capped ? setPageIndex(pageIndex + 1) : table.nextPage()),
            last: () => table.lastPage(),
            setPageSize: (size) => table.setPageSize(size),
          }}
        />
      </Paper>
    </>
  );
}
