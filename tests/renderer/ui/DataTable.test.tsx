import { useState } from "react";
import { describe, expect, test, vi } from "vitest";
import { userEvent } from "vitest/browser";
import { DataTable, tableColumns } from "../../../renderer/src/ui/DataTable";
import { renderUi } from "./harness";

interface Row {
  id: number;
  name: string;
}
const column = tableColumns<Row>();
const columns = column.columns([column.accessor("id", { header: "No." }), column.accessor("name", { header: "Name" })]);
const ALL: Row[] = Array.from({ length: 60 }, (_, i) => ({ id: i + 1, name: `Person ${i + 1}` }));

/** A server-paged list: the test's "server" slices ALL as the real one would. */
function PagedList({ onOpen }: { onOpen?(row: Row): void }) {
  const [page, setPage] = useState({ pageIndex: 0, pageSize: 25 });
  const rows = ALL.slice(page.pageIndex * page.pageSize, (page.pageIndex + 1) * page.pageSize);
  return (
    <DataTable
      label="People"
      columns={columns}
      rows={rows}
      rowId={(row) => String(row.id)}
      empty="Nobody yet."
      onOpen={onOpen}
      rowProps={(row) => ({ "aria-label": `Open ${row.name}`, "data-even": row.id % 2 === 0 || undefined, style: { fontStyle: "normal" } })}
      pager={{ ...page, rowCount: ALL.length, onChange: setPage, emptyLabel: "No one" }}
    />
  );
}

describe("DataTable", () => {
  test("before the first answer a loading row shows; an empty answer shows the caller's message", async () => {
    const screen = await renderUi(<DataTable label="People" columns={columns} rows={undefined} rowId={(r) => String(r.id)} empty="Nobody yet." />);
    await expect.element(screen.getByRole("table", { name: "People" })).toHaveAttribute("aria-busy", "true");
    await expect.element(screen.getByLabelText("Loading…")).toBeInTheDocument();
    await screen.rerender(
      <DataTable label="People" columns={columns} rows={[]} rowId={(r) => String(r.id)} empty="Nobody yet." />,
    );
    await expect.element(screen.getByText("Nobody yet.")).toBeVisible();
    await expect.element(screen.getByLabelText("Loading…")).not.toBeInTheDocument();
  });

  test("the pager moves between the server's pages", async () => {
    const screen = await renderUi(<PagedList />);
    await expect.element(screen.getByText("1–25 of 60")).toBeVisible();
    await expect.element(screen.getByRole("cell", { name: "Person 1", exact: true })).toBeVisible();
    await screen.getByRole("button", { name: "Next page" }).click();
    await expect.element(screen.getByText("26–50 of 60")).toBeVisible();
    await expect.element(screen.getByRole("cell", { name: "Person 26", exact: true })).toBeVisible();
    await screen.getByRole("button", { name: "Last page" }).click();
    await expect.element(screen.getByText("51–60 of 60")).toBeVisible();
    await expect.element(screen.getByRole("button", { name: "Next page" })).toBeDisabled();
    await screen.getByRole("button", { name: "First page" }).click();
    await expect.element(screen.getByText("1–25 of 60")).toBeVisible();
  });

  test("rows open on click and from the keyboard (↓ moves, Enter opens)", async () => {
    const onOpen = vi.fn();
    const screen = await renderUi(<PagedList onOpen={onOpen} />);
    const second = screen.getByRole("row", { name: "Open Person 2", exact: true });
    await expect.element(second).toHaveAttribute("data-even", "true");
    await screen.getByRole("cell", { name: "Person 2", exact: true }).click();
    expect(onOpen).toHaveBeenLastCalledWith(ALL[1], 1);
    await expect.element(second).toHaveFocus();
    await userEvent.keyboard("{ArrowDown}{Enter}");
    expect(onOpen).toHaveBeenLastCalledWith(ALL[2], 2);
  });

  test("an active row follows ↑/↓ and Enter opens it", async () => {
    const onOpen = vi.fn();
    const screen = await renderUi(
      <DataTable label="People" columns={columns} rows={ALL.slice(0, 5)} rowId={(r) => String(r.id)} empty="Nobody yet." onOpen={onOpen} activeRow />,
    );
    const grid = screen.getByRole("grid", { name: "People" });
    (grid.element() as HTMLElement).focus();
    await userEvent.keyboard("{ArrowDown}{ArrowDown}{ArrowUp}{Enter}");
    expect(onOpen).toHaveBeenCalledExactlyOnceWith(ALL[1], 1);
    await expect.element(screen.getByRole("row", { selected: true })).toHaveTextContent("Person 2");
  });

  test("a header click asks the caller for the new server order", async () => {
    const onSort = vi.fn();
    const screen = await renderUi(
      <DataTable
        label="People"
        columns={columns}
        rows={ALL.slice(0, 3)}
        rowId={(r) => String(r.id)}
        empty="Nobody yet."
        sorting={{ state: [{ id: "name", desc: false }], onChange: onSort }}
      />,
    );
    const byName = screen.getByRole("button", { name: "Name" });
    await expect.element(byName).toBeVisible();
    expect(byName.element().closest("th")?.getAttribute("aria-sort")).toBe("ascending");
    await byName.click();
    expect(onSort).toHaveBeenCalledExactlyOnceWith([{ id: "name", desc: true }]);
    await screen.getByRole("button", { name: "No." }).click();
    // Another column: the order moves there (numbers start descending, TanStack's default).
    expect(onSort).toHaveBeenLastCalledWith([{ id: "id", desc: true }]);
  });
});
