import { Loader, Paper, Table, Text, VisuallyHidden } from "@mantine/core";
import { createColumnHelper, rowPaginationFeature, tableFeatures, useTable, type PaginationState, type Updater } from "@tanstack/react-table";
import { useMemo, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { TablePager } from "../../ui/TablePager";
import { isoToSwiss } from "../../i18n/zurichTime";
import { CheckIcon } from "./privacyIcons";
import { rowPerson, type RequestPage, type RequestRow } from "./privacyTypes";
import { DueDate, RequestStatusBadge } from "./RequestBadges";

// The server filters, orders (pending by due date) and slices: only paging is registered.
const features = tableFeatures({ rowPaginationFeature });
const column = createColumnHelper<typeof features, RequestRow>();
const NO_ROWS: RequestRow[] = [];
const WIDTHS: Record<string, number | undefined> = { reference: 136, kind: 210, channel: 124, receivedOn: 118, dueOn: 200, status: 110, identityChecked: 90 };
const ellipsis = { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" } as const;

/** ↑/↓ move between rows, Enter opens: the register is worked from the keyboard like the lookup. */
function onRowKey(event: KeyboardEvent<HTMLTableRowElement>, open: () => void) {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const row = event.currentTarget;
  const target =
    event.key === "ArrowDown" ? row.nextElementSibling : event.key === "ArrowUp" ? row.previousElementSibling : null;
  if (event.key === "Enter") {
    event.preventDefault();
    open();
  } else if (target instanceof HTMLElement && target.tabIndex >= 0) {
    event.preventDefault();
    target.focus();
  }
}

export function RequestTable({
  page,
  loading,
  pagination,
  onPagination,
  emptyText,
}: {
  page: RequestPage | null;
  loading: boolean;
  pagination: PaginationState;
  onPagination(next: PaginationState): void;
  emptyText: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();

  const columns = useMemo(
    () =>
      column.columns([
        column.accessor("reference", {
          header: t("privacy.columns.reference"),
          cell: (info) => (
            <Text span ff="monospace" fz="sm" fw={600}>
              {info.getValue()}
            </Text>
          ),
        }),
        column.accessor("person", {
          header: t("privacy.columns.person"),
          cell: (info) => {
            const name = rowPerson(info.getValue());
            return name ? (
              <span title={name}>{name}</span>
            ) : (
              <Text span fz="sm" c="dimmed" fs="italic">
                {t("privacy.erasedPerson")}
              </Text>
            );
          },
        }),
        column.accessor("kind", { header: t("privacy.columns.kind"), cell: (info) => t(`privacy.kinds.${info.getValue()}`) }),
        column.accessor("channel", { header: t("privacy.columns.channel"), cell: (info) => t(`privacy.channels.${info.getValue()}`) }),
        column.accessor("receivedOn", { header: t("privacy.columns.receivedOn"), cell: (info) => isoToSwiss(info.getValue()) }),
        column.accessor("dueOn", {
          header: t("privacy.columns.dueOn"),
          cell: (info) => <DueDate dueOn={info.getValue()} status={info.row.original.status} overdue={info.row.original.overdue} />,
        }),
        column.accessor("status", { header: t("privacy.columns.status"), cell: (info) => <RequestStatusBadge status={info.getValue()} /> }),
        column.accessor("identityChecked", {
          header: t("privacy.columns.identity"),
          cell: (info) =>
            info.getValue() ? (
              <Text span c="teal.8" title={t("privacy.identity.checkedShort")} style={{ display: "inline-flex" }}>
                <CheckIcon size={16} />
                <VisuallyHidden>{t("privacy.identity.checkedShort")}</VisuallyHidden>
              </Text>
            ) : (
              <Text span fz="sm" c="dimmed" title={t("privacy.identity.notCheckedShort")}>
                —<VisuallyHidden>{t("privacy.identity.notCheckedShort")}</VisuallyHidden>
              </Text>
            ),
        }),
      ]),
    [t],
  );

  const table = useTable({
    features,
    columns,
    data: page?.rows ?? NO_ROWS,
    getRowId: (row) => String(row.id),
    manualPagination: true,
    rowCount: page?.total ?? 0,
    state: { pagination },
    onPaginationChange: (updater: Updater<PaginationState>) => onPagination(typeof updater === "function" ? updater(pagination) : updater),
  });

  const rows = table.getRowModel().rows;
  const open = (row: RequestRow) => void navigate(`/privacy/requests/${row.id}`);

  return (
    <Paper withBorder radius="md" style={{ overflow: "hidden" }}>
      <Table layout="fixed" highlightOnHover aria-label={t("privacy.register.tableLabel")} aria-busy={loading}>
        <Table.Thead>
          {table.getHeaderGroups().map((group) => (
            <Table.Tr key={group.id}>
              {group.headers.map((header) => (
                <Table.Th key={header.id} w={WIDTHS[header.column.id]} style={ellipsis}>
                  <table.FlexRender header={header} />
                </Table.Th>
              ))}
            </Table.Tr>
          ))}
        </Table.Thead>
        <Table.Tbody style={{ opacity: loading && page ? 0.6 : 1, transition: "opacity 120ms" }}>
          {rows.map((row) => {
            const overdue = row.original.overdue;
            return (
              <Table.Tr
                key={row.id}
                tabIndex={0}
                data-overdue={overdue || undefined}
                aria-label={`${row.original.reference} · ${rowPerson(row.original.person) ?? t("privacy.erasedPerson")}${overdue ? ` · ${t("privacy.due.overdue")}` : ""}`}
                onClick={() => open(row.original)}
                onKeyDown={(e) => onRowKey(e, () => open(row.original))}
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
              <Table.Td colSpan={columns.length} ta="center" py="xl" c="dimmed">
                {page ? emptyText : <Loader size="sm" aria-label={t("common.loading")} />}
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <TablePager
        emptyLabel={t("privacy.register.none")}
        pager={{
          pageIndex: pagination.pageIndex,
          pageSize: pagination.pageSize,
          pageCount: table.getPageCount(),
          rowCount: table.getRowCount(),
          canPrevious: table.getCanPreviousPage(),
          canNext: table.getCanNextPage(),
          first: () => table.firstPage(),
          previous: () => table.previousPage(),
          next: () => table.nextPage(),
          last: () => table.lastPage(),
          setPageSize: (size) => table.setPageSize(size),
        }}
      />
    </Paper>
  );
}
