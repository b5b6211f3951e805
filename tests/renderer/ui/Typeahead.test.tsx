import { describe, expect, test, vi } from "vitest";
import { userEvent } from "vitest/browser";
import { FormDialog } from "../../../renderer/src/ui/FormDialog";
import { PersonTypeahead, ProductTypeahead, type PickedPerson } from "../../../renderer/src/ui/Typeahead";
import { fakeServer, pause, renderUi } from "./harness";

const hit = (personId: number, lastName: string, firstName: string) => ({
  personId,
  salutation: null,
  firstName,
  lastName,
  company: "Jet Info",
  city: "Genève",
  primaryPhone: "+41 22 000 00 00",
  lastContactAt: null,
  matchedBy: "text" as const,
});

// An answer's render and more: what the user waits before pressing Enter.
const SETTLE = 400;

async function personField(onChange: (person: PickedPerson | null) => void) {
  const screen = await renderUi(<PersonTypeahead label="Person" value={null} onChange={onChange} />);
  const box = screen.getByRole("combobox", { name: "Person" });
  await box.click();
  return { screen, box };
}

describe("Typeahead", () => {
  test("Enter chooses nothing while the answer to the text in the box has not come", async () => {
    const server = fakeServer();
    const onChange = vi.fn();
    const { box } = await personField(onChange);

    await userEvent.type(box, "Mu");
    await server.called("people.search", { q: "Mu" });
    await userEvent.keyboard("{Enter}");
    expect(onChange).not.toHaveBeenCalled();
    await expect.element(box).toHaveValue("Mu");
  });

  test("a late answer to older text is never chosen from", async () => {
    const server = fakeServer();
    const onChange = vi.fn();
    const { screen, box } = await personField(onChange);

    await userEvent.type(box, "Mu");
    const older = await server.called("people.search", { q: "Mu" });
    await userEvent.type(box, "x");
    await server.called("people.search", { q: "Mux" });
    // The answer to "Mu" arrives after "Mux" was asked: it answers nothing in the box.
    older.answer([hit(1, "Müller", "Anna")]);
    await pause(SETTLE);
    await expect.element(screen.getByText("Müller Anna")).not.toBeInTheDocument();
    await userEvent.keyboard("{Enter}");
    expect(onChange).not.toHaveBeenCalled();
  });

  test("the list for shorter text is not chosen from once more is typed, before or after the new question", async () => {
    const server = fakeServer();
    const onChange = vi.fn();
    const { screen, box } = await personField(onChange);

    await userEvent.type(box, "Mu");
    (await server.called("people.search", { q: "Mu" })).answer([hit(1, "Müller", "Anna")]);
    await expect.element(screen.getByText("Müller Anna")).toBeVisible();
    // Enter at once, with the key that asks for "Mux".
    await userEvent.type(box, "x{Enter}");
    expect(onChange).not.toHaveBeenCalled();
    // Enter while "Mux" is asked and unanswered: the list for "Mu" is still on view, dimmed, with
    // nothing marked, and neither Enter nor ↓ Enter nor a click chooses from it.
    await server.called("people.search", { q: "Mux" });
    await pause(SETTLE);
    await expect.element(screen.getByRole("listbox")).toHaveAttribute("aria-busy", "true");
    await expect.element(screen.getByRole("option", { name: "Müller Anna" })).toHaveAttribute("aria-selected", "false");
    await userEvent.keyboard("{Enter}");
    await userEvent.keyboard("{ArrowDown}{Enter}");
    await screen.getByRole("option", { name: "Müller Anna" }).click({ force: true });
    expect(onChange).not.toHaveBeenCalled();
  });

  test("text that matches nobody chooses nothing, even after a list for shorter text", async () => {
    const server = fakeServer();
    const onChange = vi.fn();
    const { screen, box } = await personField(onChange);

    await userEvent.type(box, "Mu");
    (await server.called("people.search", { q: "Mu" })).answer([hit(1, "Müller", "Anna")]);
    await expect.element(screen.getByText("Müller Anna")).toBeVisible();
    await userEvent.type(box, "zzz");
    (await server.called("people.search", { q: "Muzzz" })).answer([]);
    await expect.element(screen.getByText("Nobody matches this text.")).toBeVisible();
    await userEvent.keyboard("{Enter}");
    expect(onChange).not.toHaveBeenCalled();
  });

  test("typed text + Enter chooses the top match of the current answer; ↓ moves to the next", async () => {
    const server = fakeServer();
    const onChange = vi.fn();
    const { box } = await personField(onChange);

    await userEvent.type(box, "Mül");
    (await server.called("people.search", { q: "Mül" })).answer([hit(1, "Müller", "Anna"), hit(2, "Müller", "Bruno")]);
    await pause(SETTLE);
    await userEvent.keyboard("{Enter}");
    expect(onChange).toHaveBeenCalledExactlyOnceWith({ id: 1, name: "Müller Anna" });

    onChange.mockClear();
    await userEvent.clear(box);
    await userEvent.type(box, "Müll");
    (await server.called("people.search", { q: "Müll" })).answer([hit(1, "Müller", "Anna"), hit(2, "Müller", "Bruno")]);
    await pause(SETTLE);
    await userEvent.keyboard("{ArrowDown}{Enter}");
    expect(onChange).toHaveBeenCalledExactlyOnceWith({ id: 2, name: "Müller Bruno" });
  });

  test("Esc closes the list without choosing", async () => {
    const server = fakeServer();
    const onChange = vi.fn();
    const { screen, box } = await personField(onChange);

    await userEvent.type(box, "Mu");
    (await server.called("people.search", { q: "Mu" })).answer([hit(1, "Müller", "Anna")]);
    await expect.element(screen.getByText("Müller Anna")).toBeVisible();
    await userEvent.keyboard("{Escape}");
    await expect.element(screen.getByText("Müller Anna")).not.toBeInTheDocument();
    expect(onChange).not.toHaveBeenCalled();
  });

  test("inside a form dialog, Enter in the box never submits and Esc closes the list before the dialog", async () => {
    const server = fakeServer();
    const onSubmit = vi.fn();
    const onClose = vi.fn();
    const screen = await renderUi(
      <FormDialog title="New request" onSubmit={onSubmit} onClose={onClose}>
        <PersonTypeahead label="Person" value={null} onChange={() => {}} data-autofocus />
      </FormDialog>,
    );
    const box = screen.getByRole("combobox", { name: "Person" });
    await expect.element(box).toHaveFocus();
    await userEvent.type(box, "Mu");
    await userEvent.keyboard("{Enter}");
    (await server.called("people.search", { q: "Mu" })).answer([hit(1, "Müller", "Anna")]);
    await expect.element(screen.getByText("Müller Anna")).toBeVisible();
    await userEvent.keyboard("{Escape}");
    await expect.element(screen.getByText("Müller Anna")).not.toBeInTheDocument();
    await expect.element(screen.getByRole("dialog")).toBeVisible();
    expect(onClose).not.toHaveBeenCalled();
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.keyboard("{Escape}");
    expect(onClose).toHaveBeenCalledOnce();
  });

  test("the product picker filters the product list by the text typed", async () => {
    const server = fakeServer();
    const onChange = vi.fn();
    const screen = await renderUi(<ProductTypeahead label="Product" value={null} onChange={onChange} />);
    const box = screen.getByRole("combobox", { name: "Product" });
    await box.click();
    (await server.called("products.list", { includeInactive: false })).answer([
      { id: 1, name: "JetCompta", versions: [], active: true },
      { id: 2, name: "JetSalaires", versions: [], active: true },
    ]);
    await expect.element(screen.getByText("JetSalaires")).toBeVisible();
    await userEvent.type(box, "salai");
    await expect.element(screen.getByText("JetCompta")).not.toBeInTheDocument();
    await pause(SETTLE);
    await userEvent.keyboard("{Enter}");
    expect(onChange).toHaveBeenCalledExactlyOnceWith({ id: 2, name: "JetSalaires" });
  });
});
