import { Loader, Paper, Table, Text, UnstyledButton } from "@mantine/core";
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
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { useApiQuery } from "../../../api/queries";
import { formatDateTime } from "../../../i18n/zurichTime";
import { useCourses } from "../shared/useCourses";
import { isoToSwiss } from "../shared/dates";
import { clickableRow, rowKeyHandler } from "../shared/rowKeys";
import { RequestStatusBadge } from "../shared/StatusBadge";
import { pagerControls, TablePager } from "../../../ui/TablePager";
import type { RequestRow } from "../trainingTypes";
import { BoardFilters } from "./BoardFilters";
import { BOARD_SORTS, readView, toQuery, writeView, type BoardSort, type BoardView } from "./boardView";

// The server filters, orders and slices: no client row models, only the state of both features.
const features = tableFeatures({ rowSortingFeature, rowPaginationFeature });
const column = createColumnHelper<typeof features, RequestRow>();
const NO_ROWS: RequestRow[] = [];
const WIDTHS: Record<string, string> = { createdAt: "148px", person: "16%", course: "24%", company: "14%", participants: "72px", status: "112px", session: "104px", updatedAt: "148px" };

const resolve = <T,>(updater: Updater<T>, previous: T): T => (typeof updater === "function" ? (updater as (old: T) => T)(previous) : updater);

/** Training requests for agents, support and managers: filter, sort, page, open one. */
export function RequestBoard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { titleOf } = useCourses();
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => readView(params), [params]);
  const query = useApiQuery("training.list", toQuery(view), { keepPrevious: true });
  const page = query.data ?? null;
  const loading = query.isPlaceholderData;

  // Filter and paging steps replace the address entry: "back" leaves the board, not one filter.
  const change = (next: BoardView) => setParams(writeView(next), { replace: true });
  const sorting: SortingState = [{ id: view.sort, desc: view.direction === "desc" }];
  const pagination: PaginationState = { pageIndex: view.page, pageSize: view.pageSize };

  const columns = useMemo(
    () =>
      column.columns([
        column.accessor("createdAt", { header: t("training.board.createdAt"), cell: (info) => formatDateTime(info.getValue()) }),
        column.accessor("person", { header: t("training.board.person"), enableSorting: false }),
        column.accessor((row) => row, {
          id: "course",
          header: t("training.board.course"),
          enableSorting: false,
          cell: (info) => {
            const row = info.getValue();
            return (
              <>
                <Text span ff="monospace" fz="xs" c="dimmed" mr={6}>
                  {row.courseCode}
                </Text>
                {titleOf(row.courseId, row.courseTitle)}
              </>
            );
          },
        }),
        column.accessor("company", { header: t("training.board.company"), enableSorting: false, cell: (info) => info.getValue() ?? "" }),
        column.accessor("participants", { header: t("training.board.participants"), enableSorting: false }),
        column.accessor("status", { header: t("training.board.status"), sortDescFirst: false, cell: (info) => <RequestStatusBadge status={info.getValue()} /> }),
        column.accessor("sessionStartsOn", { id: "session", header: t("training.board.session"), enableSorting: false, cell: (info) => isoToSwiss(info.getValue()) }),
        column.accessor("updatedAt", { header: t("training.board.updatedAt"), cell: (info) => formatDateTime(info.getValue()) }),
      ]),
    [t, titleOf],
  );

  const table = useTable({
    features,
    columns,
    data: page?.rows ?? NO_ROWS,
    getRowId: (row) => String(row.id),
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    sortDescFirst: true,
    rowCount: page?.total ?? 0,
    state: { sorting, pagination },
    onSortingChange: (updater) => {
      const [first] = resolve(updater, sorting);
      if (first && BOARD_SORTS.includes(first.id as BoardSort)) change({ ...view, sort: first.id as BoardSort, direction: first.desc ? "desc" : "asc", page: 0 });
    },
    onPaginationChange: (updater) => {
      const next = resolve(updater, pagination);
      change({ ...view, page: next.pageIndex, pageSize: next.pageSize });
    },
  });

  const rows = table.getRowModel().rows;
  const columnCount = table.getAllLeafColumns().length;
  const open = (row: RequestRow) => void navigate(`/training/requests/${row.id}`);

  return (
    <>
      <BoardFilters view={view} onChange={change} />
      <Paper withBorder radius="md" style={{ overflow: "hidden" }}>
        <Table layout="fixed" highlightOnHover striped="even" aria-label={t("training.board.tableLabel")} aria-busy={loading}>
          <Table.Thead>
            {table.getHeaderGroups().map((group) => (
              <Table.Tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const label = <table.FlexRender header={header} />;
                  return (
                    <Table.Th
                      key={header.id}
                      w={WIDTHS[header.column.id]}
                      ta={header.column.id === "participants" ? "right" : undefined}
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                    >
                      {header.column.getCanSort() ? (
                        <UnstyledButton onClick={header.column.getToggleSortingHandler()} fz="sm" fw={700} style={{ whiteSpace: "nowrap" }}>
                          {label}
                          <Text span c={sorted ? "jet.7" : "gray.5"} ml={4} aria-hidden>
                            {sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}
                          </Text>
                        </UnstyledButton>
                      ) : (
                        label
                      )}
                    </Table.Th>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Thead>
          <Table.Tbody style={{ opacity: loading && page ? 0.6 : 1, transition: "opacity 120ms" }}>
            {rows.map((row) => (
              <Table.Tr key={row.id} tabIndex={0} style={clickableRow} onClick={() => open(row.original)} onKeyDown={rowKeyHandler(() => open(row.original))}>
                {row.getAllCells().map((cell) => (
                  <Table.Td
                    key={cell.id}
                    ta={cell.column.id === "participants" ? "right" : undefined}
                    style={{ overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}
                  >
                    <table.FlexRender cell={cell} />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
            {rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={columnCount} ta="center" py="xl" c="dimmed">
                  {page ? t("training.board.empty") : <Loader size="sm" aria-label={t("training.loading")} />}
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
        <TablePager
          emptyLabel={t("training.pager.none")}
          pager={pagerControls({ pageIndex: view.page, pageSize: view.pageSize, rowCount: table.getRowCount() }, (next) =>
            table.setPagination({ pageIndex: next.pageIndex, pageSize: next.pageSize }),
          )}
        />
      </Paper>
    </>
  );
}
