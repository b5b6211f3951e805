import { Button, Textarea, TextInput } from "@mantine/core";
import { useState } from "react";
import { describe, expect, test, vi } from "vitest";
import { userEvent } from "vitest/browser";
import { FormDialog } from "../../../renderer/src/ui/FormDialog";
import { renderUi } from "./harness";

/** A screen with a button that opens the dialog, as the application's screens do. */
function Screen({ onSubmit, onClose }: { onSubmit(): Promise<void> | void; onClose?(): void }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Log a call</Button>
      {open && (
        <FormDialog
          title="Log a call"
          onClose={() => {
            onClose?.();
            setOpen(false);
          }}
          onSubmit={async () => {
            await onSubmit();
            setOpen(false);
          }}
        >
          <TextInput label="Subject" data-autofocus />
          <Textarea label="Notes" />
        </FormDialog>
      )}
    </>
  );
}

describe("FormDialog", () => {
  test("Ctrl+Enter saves from a textarea, and the focus returns to the opener", async () => {
    const onSubmit = vi.fn();
    const screen = await renderUi(<Screen onSubmit={onSubmit} />);
    const opener = screen.getByRole("button", { name: "Log a call" });
    await opener.click();
    const notes = screen.getByLabelText("Notes");
    await notes.click();
    await userEvent.keyboard("first line{Enter}second line");
    await expect.element(notes).toHaveValue("first line\nsecond line");
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.keyboard("{Control>}{Enter}{/Control}");
    expect(onSubmit).toHaveBeenCalledOnce();
    await expect.element(screen.getByRole("dialog")).not.toBeInTheDocument();
    await expect.element(opener).toHaveFocus();
  });

  test("Esc cancels without saving, and the focus returns to the opener", async () => {
    const onSubmit = vi.fn();
    const onClose = vi.fn();
    const screen = await renderUi(<Screen onSubmit={onSubmit} onClose={onClose} />);
    const opener = screen.getByRole("button", { name: "Log a call" });
    await opener.click();
    await expect.element(screen.getByLabelText("Subject")).toHaveFocus();
    await userEvent.keyboard("{Escape}");
    await expect.element(screen.getByRole("dialog")).not.toBeInTheDocument();
    expect(onClose).toHaveBeenCalledOnce();
    expect(onSubmit).not.toHaveBeenCalled();
    await expect.element(opener).toHaveFocus();
  });

  test("a second submit while the first is saving does nothing", async () => {
    let finish = () => {};
    const onSubmit = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const screen = await renderUi(<Screen onSubmit={onSubmit} />);
    await screen.getByRole("button", { name: "Log a call" }).click();
    await screen.getByLabelText("Subject").click();
    await userEvent.keyboard("{Control>}{Enter}{Enter}{/Control}");
    await userEvent.keyboard("{Enter}");
    await expect.element(screen.getByRole("dialog")).toBeVisible();
    expect(onSubmit).toHaveBeenCalledOnce();
    finish();
    await expect.element(screen.getByRole("dialog")).not.toBeInTheDocument();
    expect(onSubmit).toHaveBeenCalledOnce();
  });

  test("a refusal shows in the error area and the dialog stays open", async () => {
    const onSubmit = vi.fn().mockRejectedValueOnce(new Error("The subject is missing.")).mockResolvedValueOnce(undefined);
    const screen = await renderUi(<Screen onSubmit={onSubmit} />);
    await screen.getByRole("button", { name: "Log a call" }).click();
    await screen.getByRole("button", { name: "Save" }).click();
    await expect.element(screen.getByRole("alert")).toHaveTextContent("The subject is missing.");
    await screen.getByRole("button", { name: "Save" }).click();
    await expect.element(screen.getByRole("dialog")).not.toBeInTheDocument();
    expect(onSubmit).toHaveBeenCalledTimes(2);
  });
});
