import { Text } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { useApiQuery } from "../../../api/queries";
import { formatDateTime } from "../../../i18n/zurichTime";
import { DataTable, tableColumns } from "../../../ui/DataTable";
import { isoToSwiss } from "../shared/dates";
import { Figure } from "../shared/Figure";
import { RequestStatusBadge } from "../shared/StatusBadge";
import { useCourses } from "../shared/useCourses";
import type { RequestRow } from "../trainingTypes";
import { BoardFilters } from "./BoardFilters";
import { BOARD_SORTS, readView, toQuery, writeView, type BoardSort, type BoardView } from "./boardView";
import { UserText } from "../../../ui/UserText";

const column = tableColumns<RequestRow>();
const isBoardSort = (id: string): id is BoardSort => (BOARD_SORTS as readonly string[]).includes(id);

/** Training requests for agents, support and managers: filter, sort, page, open one. */
export function RequestBoard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { titleOf } = useCourses();
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => readView(params), [params]);
  const page = useApiQuery("training.list", toQuery(view), { keepPrevious: true });

  // Filter and paging steps replace the address entry: "back" leaves the board, not one filter.
  const change = (next: BoardView) => setParams(writeView(next), { replace: true });

  const columns = useMemo(
    () => [
      column.accessor("createdAt", { header: t("training.board.createdAt"), sortDescFirst: true, cell: (info) => formatDateTime(info.getValue()) }),
      column.accessor("person", { header: t("training.board.person"), enableSorting: false, cell: (info) => <UserText>{info.getValue()}</UserText> }),
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
              <UserText>{titleOf(row.courseId, row.courseTitle)}</UserText>
            </>
          );
        },
      }),
      column.accessor("company", { header: t("training.board.company"), enableSorting: false, cell: (info) => <UserText>{info.getValue()}</UserText> }),
      column.accessor("participants", {
        header: () => <Figure>{t("training.board.participants")}</Figure>,
        enableSorting: false,
        cell: (info) => <Figure>{info.getValue()}</Figure>,
      }),
      column.accessor("status", { header: t("training.board.status"), sortDescFirst: false, cell: (info) => <RequestStatusBadge status={info.getValue()} /> }),
      column.accessor("sessionStartsOn", { id: "session", header: t("training.board.session"), enableSorting: false, cell: (info) => isoToSwiss(info.getValue()) }),
      column.accessor("updatedAt", { header: t("training.board.updatedAt"), sortDescFirst: true, cell: (info) => formatDateTime(info.getValue()) }),
    ],
    [t, titleOf],
  );

  return (
    <>
      <BoardFilters view={view} onChange={change} />
      <DataTable
        label={t("training.board.tableLabel")}
        columns={columns}
        rows={page.data?.rows}
        rowId={(row) => String(row.id)}
        loading={page.isPlaceholderData}
        empty={t("training.board.empty")}
        widths={{ createdAt: 148, participants: 72, status: 112, session: 104, updatedAt: 148 }}
        striped="even"
        onOpen={(row) => void navigate(`/training/requests/${row.id}`)}
        sorting={{
          state: [{ id: view.sort, desc: view.direction === "desc" }],
          onChange: ([first]) => {
            if (first && isBoardSort(first.id)) change({ ...view, sort: first.id, direction: first.desc ? "desc" : "asc", page: 0 });
          },
        }}
        pager={{
          pageIndex: view.page,
          pageSize: view.pageSize,
          rowCount: page.data?.total ?? 0,
          emptyLabel: t("training.pager.none"),
          onChange: ({ pageIndex, pageSize }) => change({ ...view, page: pageIndex, pageSize }),
        }}
      />
    </>
  );
}
