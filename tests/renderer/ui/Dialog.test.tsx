import { Button, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { describe, expect, test, vi } from "vitest";
import { userEvent } from "vitest/browser";
import { ConfirmDialog } from "../../../renderer/src/ui/ConfirmDialog";
import { Dialog } from "../../../renderer/src/ui/Dialog";
import { renderUi } from "./harness";

/** A list whose rows each open a confirmation that removes them, as the card's sections do. */
function Rows() {
  const [rows, setRows] = useState(["022 735 33 92", "079 123 45 67"]);
  const [removing, setRemoving] = useState<string | null>(null);
  return (
    <section>
      <Button>Add</Button>
      <ul>
        {rows.map((row) => (
          <li key={row}>
            <Button onClick={() => setRemoving(row)}>Remove {row}</Button>
          </li>
        ))}
      </ul>
      {removing && (
        <ConfirmDialog
          title="Remove this number?"
          confirmLabel="Remove"
          onClose={() => setRemoving(null)}
          onConfirm={async () => {
            setRows((current) => current.filter((row) => row !== removing));
            setRemoving(null);
          }}
        >
          {removing}
        </ConfirmDialog>
      )}
    </section>
  );
}

describe("the kit's dialogs give the focus back", () => {
  test("a plain Dialog opened and closed through `opened`", async () => {
    function Screen() {
      const [opened, setOpened] = useState(false);
      return (
        <>
          <Button onClick={() => setOpened(true)}>History</Button>
          <Dialog opened={opened} onClose={() => setOpened(false)} title="History">
            <TextInput label="Filter" data-autofocus />
          </Dialog>
        </>
      );
    }
    const screen = await renderUi(<Screen />);
    const opener = screen.getByRole("button", { name: "History" });
    await opener.click();
    await expect.element(screen.getByLabelText("Filter")).toHaveFocus();
    await userEvent.keyboard("{Escape}");
    await expect.element(opener).toHaveFocus();
  });

  test("a confirmation dismissed goes back to its row's button; confirmed, to the next row", async () => {
    const screen = await renderUi(<Rows />);
    const first = screen.getByRole("button", { name: "Remove 022 735 33 92" });
    await first.click();
    await expect.element(screen.getByRole("dialog")).toBeVisible();
    await userEvent.keyboard("{Escape}");
    await expect.element(screen.getByRole("dialog")).not.toBeInTheDocument();
    await expect.element(first).toHaveFocus();

    await first.click();
    await screen.getByRole("button", { name: "Remove", exact: true }).click();
    await expect.element(first).not.toBeInTheDocument();
    await expect.element(screen.getByRole("button", { name: "Remove 079 123 45 67" })).toHaveFocus();
  });
});

describe("Ctrl+Enter saves any form", () => {
  test("a page's form, through its Save button: not while that button is busy, not a form without one", async () => {
    const saved = vi.fn();
    const searched = vi.fn();
    function Screen() {
      const [busy, setBusy] = useState(false);
      return (
        <>
          <form
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              saved();
              setBusy(true);
            }}
          >
            <TextInput label="Notes" />
            <Button type="submit" loading={busy}>
              Save
            </Button>
          </form>
          <form
            onSubmit={(event: FormEvent) => {
              event.preventDefault();
              searched();
            }}
          >
            <TextInput label="Lookup" />
          </form>
        </>
      );
    }
    const screen = await renderUi(<Screen />);
    await screen.getByLabelText("Notes").click();
    await userEvent.keyboard("{Control>}{Enter}{/Control}");
    expect(saved).toHaveBeenCalledOnce();
    await expect.element(screen.getByRole("button", { name: "Save" })).toBeDisabled();
    await userEvent.keyboard("{Meta>}{Enter}{/Meta}");
    expect(saved).toHaveBeenCalledOnce();
    await screen.getByLabelText("Lookup").click();
    await userEvent.keyboard("{Control>}{Enter}{/Control}");
    expect(searched).not.toHaveBeenCalled();
  });
});
