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
  test("Enter pressed before the answer to the text in the box chooses that answer's top option when it comes", async () => {
    const server = fakeServer();
    const onChange = vi.fn();
    const { box } = await personField(onChange);

    // Pasted and Enter at once: the answer to "Kolly" has not even been asked.
    await userEvent.type(box, "Kolly{Enter}");
    expect(onChange).not.toHaveBeenCalled();
    await expect.element(box).toHaveValue("Kolly");
    (await server.called("people.search", { q: "Kolly" })).answer([hit(7, "Kolly", "Marie"), hit(8, "Kolly", "Paul")]);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledExactlyOnceWith({ id: 7, name: "Kolly Marie" }));
    await expect.element(box).toHaveValue("Kolly Marie");
  });

  test("Enter pressed before an answer that holds nobody chooses nothing, and no later answer", async () => {
    const server = fakeServer();
    const onChange = vi.fn();
    const { screen, box } = await personField(onChange);

    await userEvent.type(box, "Zz{Enter}");
    (await server.called("people.search", { q: "Zz" })).answer([]);
    await expect.element(screen.getByText("Nobody matches this text.")).toBeVisible();
    // The Enter is spent: the answer to more text is not chosen without a new Enter.
    await userEvent.type(box, "{Backspace}{Backspace}Mu");
    (await server.called("people.search", { q: "Mu" })).answer([hit(1, "Müller", "Anna")]);
    await expect.element(screen.getByText("Müller Anna")).toBeVisible();
    expect(onChange).not.toHaveBeenCalled();
  });

  test("typing on after Enter forgets it: only a new Enter chooses", async () => {
    const server = fakeServer();
    const onChange = vi.fn();
    const { screen, box } = await personField(onChange);

    await userEvent.type(box, "Mu{Enter}l");
    (await server.called("people.search", { q: "Mul" })).answer([hit(1, "Müller", "Anna")]);
    await expect.element(screen.getByText("Müller Anna")).toBeVisible();
    await pause(SETTLE);
    expect(onChange).not.toHaveBeenCalled();
    await userEvent.keyboard("{Enter}");
    expect(onChange).toHaveBeenCalledExactlyOnceWith({ id: 1, name: "Müller Anna" });
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
    // nothing marked, and neither Enter nor ↓ Enter chooses from it.
    const mux = await server.called("people.search", { q: "Mux" });
    await pause(SETTLE);
    await expect.element(screen.getByRole("listbox")).toHaveAttribute("aria-busy", "true");
    await expect.element(screen.getByRole("option", { name: "Müller Anna" })).toHaveAttribute("aria-selected", "false");
    await userEvent.keyboard("{Enter}");
    await userEvent.keyboard("{ArrowDown}{Enter}");
    expect(onChange).not.toHaveBeenCalled();
    // The answer to "Mux" is the one chosen from, never the list for "Mu".
    mux.answer([hit(3, "Muxart", "Léa")]);
    await vi.waitFor(() => expect(onChange).toHaveBeenCalledExactlyOnceWith({ id: 3, name: "Muxart Léa" }));
  });

  test("a click on the dimmed list for shorter text chooses nothing", async () => {
    const server = fakeServer();
    const onChange = vi.fn();
    const { screen, box } = await personField(onChange);

    await userEvent.type(box, "Mu");
    (await server.called("people.search", { q: "Mu" })).answer([hit(1, "Müller", "Anna")]);
    await expect.element(screen.getByText("Müller Anna")).toBeVisible();
    await userEvent.type(box, "x");
    await server.called("people.search", { q: "Mux" });
    await expect.element(screen.getByRole("listbox")).toHaveAttribute("aria-busy", "true");
    await screen.getByRole("option", { name: "Müller Anna" }).click({ force: true });
    await pause(SETTLE);
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
    // The Enter waited for the answer and chose from it; the form was not submitted.
    await expect.element(box).toHaveValue("Müller Anna");
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.keyboard("{Backspace}");
    (await server.called("people.search", { q: "Müller Ann" })).answer([hit(1, "Müller", "Anna")]);
    await expect.element(screen.getByText("Müller Anna")).toBeVisible();
    await userEvent.keyboard("{Escape}");
    await expect.element(screen.getByText("Müller Anna")).not.toBeInTheDocument();
    await expect.element(screen.getByRole("dialog")).toBeVisible();
    expect(onClose).not.toHaveBeenCalled();
    expect(onSubmit).not.toHaveBeenCalled();
    await userEvent.keyboard("{Escape}");
    expect(onClose).toHaveBeenCalledOnce();
  });

  test("the product picker filters the product list by the text typed; typed name + Enter chooses at once", async () => {
    const server = fakeServer();
    const onChange = vi.fn();
    const screen = await renderUi(<ProductTypeahead label="Product" value={null} onChange={onChange} />);
    const box = screen.getByRole("combobox", { name: "Product" });
    // The short list is asked when the field shows, so it is there by the first Enter.
    (await server.called("products.list", { includeInactive: false })).answer([
      { id: 1, name: "JetCompta Pro", versions: [], active: true },
      { id: 2, name: "JetSalaires", versions: [], active: true },
      { id: 3, name: "JetCompta", versions: [], active: true },
    ]);
    await box.click();
    await expect.element(screen.getByText("JetSalaires")).toBeVisible();
    await userEvent.type(box, "salai");
    await expect.element(screen.getByText("JetCompta", { exact: true })).not.toBeInTheDocument();
    await userEvent.keyboard("{Enter}");
    expect(onChange).toHaveBeenCalledExactlyOnceWith({ id: 2, name: "JetSalaires" });

    // The product named exactly as typed comes first, before one whose name only begins so.
    onChange.mockClear();
    await userEvent.clear(box);
    await userEvent.type(box, "jetcompta{Enter}");
    expect(onChange).toHaveBeenCalledExactlyOnceWith({ id: 3, name: "JetCompta" });
  });

  test("the product picker does not open its list on focus: it opens on typing or ↓", async () => {
    const server = fakeServer();
    const screen = await renderUi(<ProductTypeahead label="Product" value={null} onChange={() => {}} autoFocus />);
    const box = screen.getByRole("combobox", { name: "Product" });
    (await server.called("products.list", { includeInactive: false })).answer([{ id: 1, name: "JetCompta", versions: [], active: true }]);
    await expect.element(box).toHaveFocus();
    await pause(SETTLE);
    await expect.element(box).toHaveAttribute("aria-expanded", "false");
    await expect.element(screen.getByText("JetCompta")).not.toBeVisible();
    await userEvent.keyboard("{ArrowDown}");
    await expect.element(box).toHaveAttribute("aria-expanded", "true");
    await expect.element(screen.getByText("JetCompta")).toBeVisible();
  });
});
