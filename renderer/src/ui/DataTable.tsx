/**
 * One table for every list on screen: TanStack Table (v9) for the columns, Mantine for the look,
 * the pager below, a loading row and an empty row, and optionally a keyboard-driven active row.
 *
 * Usage (a server-paged list whose rows open on click or Enter):
 *
 *   const column = tableColumns<QueueRow>();
 *   const columns = useMemo(() => column.columns([
 *     column.accessor("reference", { header: t("reports.columns.reference") }),
 *     column.accessor("status", { header: t("reports.columns.status"), cell: (info) => <StatusBadge status={info.getValue()} /> }),
 *   ]), [t]);
 *   const page = useApiQuery("reports.list", toQuery(filter, pageIndex), { keepPrevious: true });
 *   <DataTable
 *     label={t("reports.queue.tableLabel")}
 *     columns={columns}
 *     rows={page.data?.rows}            // undefined: the first answer has not come (loading row)
 *     rowId={(row) => String(row.id)}
 *     loading={page.isFetching}         // dims the rows on screen while the next page comes
 *     empty={t("reports.queue.empty")}
 *     widths={{ reference: 138 }}
 *     onOpen={(row) => navigate(`/reports/${row.id}`)}
 *     pager={{ pageIndex, pageSize, rowCount: page.data?.total ?? 0, onChange: ({ pageIndex, pageSize }) => …, emptyLabel: t("reports.queue.none") }}
 *     sorting={{ state: [{ id: filter.sort, desc: filter.direction === "desc" }], onChange: ([next]) => … }}
 *   />
 *
 * Keyboard: with `onOpen` alone every row is a tab stop (↑/↓ move the focus, Enter opens). With
 * `activeRow` the table itself takes the focus and one row is marked (↑/↓, Home/End, Enter); pass
 * the result of your own `useActiveRow` (`activeRow={rows}`) when another field drives it, as the
 * lookup's search box does.
 */
import { useElementSize } from "@mantine/hooks";
import { Loader, Paper, Table, Text, UnstyledButton, type TableProps } from "@mantine/core";
import {
  createColumnHelper,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type ColumnHelper,
  type RowData,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import { useId, type CSSProperties, type FocusEvent, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { SortAscIcon, SortDescIcon, SortNoneIcon } from "./icons";
import { PAGE_SIZES, TablePager } from "./TablePager";
import { useActiveRow } from "./useActiveRow";

// The server filters, sorts and slices: only sorting state is registered (no client row models),
// so a column click only reports the wish and the caller asks the server.
const features = tableFeatures({ rowSortingFeature });
export type DataTableFeatures = typeof features;
/** A column of a DataTable: `tableColumns<Row>()` builds them with TanStack's helper. */
export type DataTableColumn<T extends RowData> = ColumnDef<DataTableFeatures, T, any>; // any: one list holds columns of different value types, as TanStack's own helper returns

/** The column helper for a DataTable's rows (`column.accessor`, `column.display`, `column.columns`). */
export function tableColumns<T extends RowData>(): ColumnHelper<DataTableFeatures, T> {
  return createColumnHelper<DataTableFeatures, T>();
}

export type { SortingState };

/** Server paging: the table only knows its page, its size and the count the server gave. */
export interface DataTablePager {
  pageIndex: number;
  pageSize: number;
  rowCount: number;
  /** The server stopped counting: `rowCount` is a lower bound and the last page is not known. */
  capped?: boolean;
  onChange(next: { pageIndex: number; pageSize: number }): void;
  /** Shown instead of the range when there are no rows ("0 requests"). */
  emptyLabel: string;
  pageSizes?: readonly number[];
  groupDigits?: boolean;
  summaryWidth?: number;
  /** Extra buttons beside the range (refresh…). */
  actions?: ReactNode;
}

/** What `useActiveRow` returns, for a marker driven from outside the table. */
export type ActiveRowHandle = ReturnType<typeof useActiveRow>;

export interface DataTableProps<T extends RowData> {
  /** The table's accessible name. */
  label: string;
  columns: DataTableColumn<T>[];
  /** The rows of the current page; undefined until the first answer (shows the loading row). */
  rows: readonly T[] | undefined;
  rowId(row: T): string;
  /** A newer answer is on its way: the rows on screen are dimmed and the table is aria-busy. */
  loading?: boolean;
  /** The empty row's message (a sentence: "No request matches these filters."). */
  empty: ReactNode;
  /** Column widths in px by column id; the others share the rest. */
  widths?: Record<string, number | undefined>;
  /**
   * Columns left out while the table is narrower than this many px, by column id: the least
   * needed ones give their room to the text a user reads (a report's title at 1280 px).
   */
  hideBelow?: Record<string, number | undefined>;
  /** Row click and Enter. A click on a link or button inside the row is left to it. */
  onOpen?(row: T, index: number): void;
  /** False: a click only marks the row (with `activeRow`) and Enter opens it, as in a timeline. */
  openOnClick?: boolean;
  /**
   * A marked row moved by ↑/↓ (Home/End) and opened by Enter: `true` for the table's own, or a
   * `useActiveRow` result when another field drives the marker.
   */
  activeRow?: boolean | ActiveRowHandle;
  /** Resets the table's own marker (new person, new search). */
  activeRowResetKey?: unknown;
  /** Server sorting: the current order and the wish of a header click. */
  sorting?: { state: SortingState; onChange(next: SortingState): void; removable?: boolean };
  pager?: DataTablePager;
  /** Per-row accessible name, style or data attributes (an overdue row's red bar). */
  rowProps?(row: T): { style?: CSSProperties; "aria-label"?: string } & Record<`data-${string}`, string | boolean | undefined>;
  /** Cells on one line with an ellipsis (lists), or wrapped (a timeline's text). */
  cells?: "ellipsis" | "wrap";
  striped?: TableProps["striped"];
  /** Without the bordered paper around it (inside a card that already has one). */
  bare?: boolean;
  /** The `id` of the table (the lookup's search box points at its rows with it). */
  id?: string;
}

const ellipsis: CSSProperties = { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" };
const wrap: CSSProperties = { verticalAlign: "top", overflowWrap: "anywhere" };
const markedRow: CSSProperties = { background: "var(--mantine-color-jet-0)", boxShadow: "inset 3px 0 0 var(--mantine-color-jet-7)" };

/** The id of row `index` of table `tableId`, for `aria-activedescendant` from a search box. */
export const dataTableRowId = (tableId: string, index: number) => `${tableId}-row-${index}`;

/** ↑/↓ move the focus between focusable rows, Enter opens: rows worked from the keyboard. */
function onFocusableRowKey(event: KeyboardEvent<HTMLTableRowElement>, open: () => void) {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  if (event.target !== event.currentTarget && event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
  const row = event.currentTarget;
  const target = event.key === "ArrowDown" ? row.nextElementSibling : event.key === "ArrowUp" ? row.previousElementSibling : null;
  if (event.key === "Enter") {
    event.preventDefault();
    open();
  } else if (target instanceof HTMLElement && target.tabIndex >= 0) {
    event.preventDefault();
    target.focus();
  }
}

/** A click on a control inside the row (a name link, a menu) does its own thing. */
const clickedControl = (target: EventTarget) => target instanceof Element && !!target.closest("a, button, input, select, textarea, [role=button]");

export function DataTable<T extends RowData>(props: DataTableProps<T>) {
  const { label, columns, rows, rowId, loading = false, empty, widths, hideBelow, onOpen, openOnClick = true, activeRow, activeRowResetKey, sorting, pager, rowProps, cells = "ellipsis", striped, bare, id } = props;
  const { t } = useTranslation();
  const ownId = useId();
  const tableId = id ?? ownId;
  const data = rows ?? NO_ROWS;

  const open = (index: number) => {
    const row = data[index] as T | undefined;
    if (row !== undefined) onOpen?.(row, index);
  };
  const ownMarker = useActiveRow(data.length, open, { resetKey: activeRowResetKey });
  const marker = activeRow === true ? ownMarker : activeRow || null;

  const sortingState = sorting?.state ?? NO_SORTING;
  const table = useTable({
    features,
    columns,
    data: data as T[],
    getRowId: (row) => rowId(row),
    manualSorting: true,
    enableSorting: !!sorting,
    enableMultiSort: false,
    // A server list is always ordered by something: a third click flips instead of clearing.
    enableSortingRemoval: sorting?.removable ?? false,
    state: { sorting: sortingState },
    onSortingChange: (updater: Updater<SortingState>) => sorting?.onChange(typeof updater === "function" ? updater(sortingState) : updater),
  });

  const cellStyle = cells === "wrap" ? wrap : ellipsis;
  // Before the first measure (width 0) every column shows: nothing jumps in on a wide screen.
  const { ref: sizeRef, width } = useElementSize<HTMLDivElement>();
  const shown = (columnId: string) => {
    const below = hideBelow?.[columnId];
    return below === undefined || width === 0 || width >= below;
  };
  const columnCount = table.getAllLeafColumns().filter((leaf) => shown(leaf.id)).length;
  const tableRows = table.getRowModel().rows;

  const body = (
    <Table
      id={tableId}
      layout="fixed"
      highlightOnHover={!!onOpen}
      striped={striped}
      aria-label={label}
      aria-busy={loading || rows === undefined}
      {...(marker
        ? {
            role: "grid",
            "aria-readonly": true,
            "aria-activedescendant": marker.active >= 0 ? dataTableRowId(tableId, marker.active) : undefined,
            tabIndex: 0,
            onKeyDown: (event: KeyboardEvent) => {
              if (marker.handleKey(event)) event.preventDefault();
            },
            onFocus: (event: FocusEvent) => {
              if (event.target === event.currentTarget && marker.active < 0 && data.length > 0) marker.setActive(0);
            },
            style: { outlineOffset: -2 },
          }
        : {})}
    >
      <Table.Thead>
        {table.getHeaderGroups().map((group) => (
          <Table.Tr key={group.id}>
            {group.headers.filter((header) => shown(header.column.id)).map((header) => {
              const canSort = header.column.getCanSort();
              const sorted = header.column.getIsSorted();
              return (
                <Table.Th
                  key={header.id}
                  w={widths?.[header.column.id]}
                  style={cells === "ellipsis" ? ellipsis : undefined}
                  aria-sort={canSort ? (sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : "none") : undefined}
                >
                  {header.isPlaceholder ? null : canSort ? (
                    <UnstyledButton
                      onClick={header.column.getToggleSortingHandler()}
                      fz="sm"
                      fw={700}
                      style={{ display: "inline-flex", alignItems: "center", gap: 4, maxWidth: "100%" }}
                    >
                      <span style={ellipsis}>
                        <table.FlexRender header={header} />
                      </span>
                      <span aria-hidden style={{ display: "flex", color: sorted ? "var(--mantine-color-jet-7)" : "var(--mantine-color-gray-5)" }}>
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
      <Table.Tbody style={{ opacity: loading && rows !== undefined ? 0.6 : 1, transition: "opacity 120ms" }}>
        {tableRows.map((row, index) => {
          const extra = rowProps?.(row.original);
          const marked = marker?.active === index;
          return (
            <Table.Tr
              key={row.id}
              {...extra}
              id={marker ? dataTableRowId(tableId, index) : undefined}
              aria-selected={marker ? marked : undefined}
              tabIndex={onOpen && !marker ? 0 : undefined}
              onMouseMove={marker && !marked ? () => marker.setActive(index) : undefined}
              onClick={(event) => {
                if (clickedControl(event.target) && event.target !== event.currentTarget) return;
                if (marker) marker.setActive(index);
                if (onOpen && openOnClick) onOpen(row.original, index);
              }}
              onKeyDown={onOpen && !marker ? (event) => onFocusableRowKey(event, () => onOpen(row.original, index)) : undefined}
              style={{ cursor: onOpen && openOnClick ? "pointer" : undefined, ...extra?.style, ...(marked ? markedRow : {}) }}
            >
              {row.getAllCells().filter((cell) => shown(cell.column.id)).map((cell) => (
                <Table.Td key={cell.id} style={cellStyle}>
                  <table.FlexRender cell={cell} />
                </Table.Td>
              ))}
            </Table.Tr>
          );
        })}
        {tableRows.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={columnCount} ta="center" py="xl" c="dimmed">
              {rows === undefined ? <Loader size="sm" aria-label={t("common.loading")} /> : <Text fz="sm" c="dimmed" span>{empty}</Text>}
            </Table.Td>
          </Table.Tr>
        )}
      </Table.Tbody>
    </Table>
  );

  const footer = pager && <DataTablePagerRow pager={pager} rowsOnPage={data.length} />;
  if (bare)
    // A measuring box only when columns depend on the width: inside a Stack, two children keep its gap.
    return hideBelow ? (
      <div ref={sizeRef}>
        {body}
        {footer}
      </div>
    ) : (
      <>
        {body}
        {footer}
      </>
    );
  return (
    <Paper ref={sizeRef} withBorder radius="md" style={{ overflow: "hidden" }}>
      {body}
      {footer}
    </Paper>
  );
}

const NO_ROWS: readonly never[] = [];
const NO_SORTING: SortingState = [];

function DataTablePagerRow({ pager, rowsOnPage }: { pager: DataTablePager; rowsOnPage: number }) {
  const { pageIndex, pageSize, rowCount, capped, onChange } = pager;
  const pageCount = Math.max(1, Math.ceil(rowCount / pageSize));
  const go = (index: number) => onChange({ pageIndex: index, pageSize });
  return (
    <TablePager
      emptyLabel={pager.emptyLabel}
      pageSizes={pager.pageSizes ?? PAGE_SIZES}
      groupDigits={pager.groupDigits}
      summaryWidth={pager.summaryWidth}
      actions={pager.actions}
      pager={{
        pageIndex,
        pageSize,
        pageCount,
        rowCount,
        capped,
        canPrevious: pageIndex > 0,
        // Past a capped count the pages go on while they come back full.
        canNext: capped ? rowsOnPage === pageSize : pageIndex < pageCount - 1,
        first: () => go(0),
        previous: () => go(Math.max(0, pageIndex - 1)),
        next: () => go(pageIndex + 1),
        last: () => go(pageCount - 1),
        setPageSize: (size) => onChange({ pageIndex: 0, pageSize: size }),
      }}
    />
  );
}
