import { TextInput } from "@mantine/core";
import { useState } from "react";
import { describe, expect, test, vi } from "vitest";
import { ApiError } from "../../../renderer/src/api/ApiError";
import { ContactListSection, type ContactListTexts } from "../../../renderer/src/ui/ContactListSection";
import { renderUi } from "./harness";

interface Email {
  id: number;
  email: string;
  isPrimary: boolean;
}

const texts: ContactListTexts<Email> = {
  title: "Emails",
  empty: "No email yet.",
  add: "Add",
  addTitle: "Add an email",
  editTitle: "Correct the email",
  primary: "Primary",
  saved: "Saved.",
  removed: "Removed.",
  removeTitle: "Remove the email?",
  removeConfirm: "Remove",
  removeText: (item) => `${item.email} will be removed.`,
  makePrimaryLabel: (item) => `Make ${item.email} primary`,
  editLabel: (item) => `Correct ${item.email}`,
  removeLabel: (item) => `Remove ${item.email}`,
};

/** A person's emails held by the test, changed only by what the section's callbacks do. */
function Emails({ initial, save, remove, makePrimary }: { initial: Email[]; save?(value: { email: string }, item: Email | null): Promise<void>; remove?(item: Email): Promise<void>; makePrimary?(item: Email): Promise<void> }) {
  const [items, setItems] = useState(initial);
  return (
    <ContactListSection<Email, { email: string }>
      items={items}
      texts={texts}
      renderItem={(item) => item.email}
      initialValues={(item) => ({ email: item?.email ?? "" })}
      validate={(value) => (value.email.trim() ? null : { email: "Type the address." })}
      save={async (value, item) => {
        await save?.(value, item);
        setItems((list) => (item ? list.map((e) => (e.id === item.id ? { ...e, ...value } : e)) : [...list, { id: list.length + 10, email: value.email, isPrimary: false }]));
      }}
      makePrimary={async (item) => {
        await makePrimary?.(item);
        setItems((list) => list.map((e) => ({ ...e, isPrimary: e.id === item.id })));
      }}
      remove={async (item) => {
        await remove?.(item);
        setItems((list) => list.filter((e) => e.id !== item.id));
      }}
      fields={({ value, onChange, errors }) => <TextInput label="Email" data-autofocus value={value.email} onChange={(e) => onChange({ email: e.currentTarget.value })} error={errors.email} />}
    />
  );
}

const anna = { id: 1, email: "anna@example.ch", isPrimary: true };
const work = { id: 2, email: "anna.work@example.ch", isPrimary: false };

describe("ContactListSection", () => {
  test("lists the entries with the primary one marked, and says when there are none", async () => {
    const screen = await renderUi(<Emails initial={[anna, work]} />);
    const section = screen.getByRole("region", { name: "Emails" });
    await expect.element(section.getByText("anna.work@example.ch")).toBeVisible();
    await expect.element(section.getByText("Primary")).toBeVisible();
    // The primary entry offers no "make primary"; the other does.
    expect(section.getByRole("button", { name: "Make anna@example.ch primary" }).elements()).toHaveLength(0);
    await section.getByRole("button", { name: "Make anna.work@example.ch primary" }).click();
    await expect.element(section.getByRole("button", { name: "Make anna@example.ch primary" })).toBeVisible();

    const empty = await renderUi(<Emails initial={[]} />);
    await expect.element(empty.getByText("No email yet.")).toBeVisible();
  });

  test("adds an entry: the form's own check first, then the save, then the dialog closes", async () => {
    const save = vi.fn(async () => undefined);
    const screen = await renderUi(<Emails initial={[anna]} save={save} />);
    await screen.getByRole("button", { name: "Add" }).click();
    const dialog = screen.getByRole("dialog", { name: "Add an email" });
    await dialog.getByRole("button", { name: "Add" }).click();
    await expect.element(dialog.getByText("Type the address.")).toBeVisible();
    expect(save).not.toHaveBeenCalled();

    await dialog.getByLabelText("Email").fill("new@example.ch");
    // The corrected field no longer shows the refusal of the previous value.
    await expect.element(dialog.getByText("Type the address.")).not.toBeInTheDocument();
    await dialog.getByRole("button", { name: "Add" }).click();
    await expect.element(screen.getByRole("dialog")).not.toBeInTheDocument();
    expect(save).toHaveBeenCalledWith({ email: "new@example.ch" }, null);
    await expect.element(screen.getByText("new@example.ch")).toBeVisible();
  });

  test("a refusal naming a field stays under that field and keeps the dialog open", async () => {
    const save = vi.fn(async () => {
      throw new ApiError({ code: "VALIDATION", message: "email: Not an email address.", field: "email" }, "emails.add");
    });
    const screen = await renderUi(<Emails initial={[]} save={save} />);
    await screen.getByRole("button", { name: "Add" }).click();
    const dialog = screen.getByRole("dialog", { name: "Add an email" });
    await dialog.getByLabelText("Email").fill("anna@");
    await dialog.getByRole("button", { name: "Add" }).click();
    await expect.element(dialog.getByText("Not an email address.")).toBeVisible();
    await expect.element(dialog.getByLabelText("Email")).toHaveValue("anna@");
  });

  test("corrects an entry from its own values, and removes one only once confirmed", async () => {
    const save = vi.fn(async () => undefined);
    const remove = vi.fn(async () => undefined);
    const screen = await renderUi(<Emails initial={[anna, work]} save={save} remove={remove} />);
    await screen.getByRole("button", { name: "Correct anna.work@example.ch" }).click();
    const edit = screen.getByRole("dialog", { name: "Correct the email" });
    await expect.element(edit.getByLabelText("Email")).toHaveValue("anna.work@example.ch");
    await edit.getByLabelText("Email").fill("anna.office@example.ch");
    await edit.getByRole("button", { name: "Save" }).click();
    expect(save).toHaveBeenCalledWith({ email: "anna.office@example.ch" }, work);
    await expect.element(screen.getByText("anna.office@example.ch")).toBeVisible();

    await screen.getByRole("button", { name: "Remove anna@example.ch" }).click();
    const confirm = screen.getByRole("dialog", { name: "Remove the email?" });
    await expect.element(confirm.getByText("anna@example.ch will be removed.")).toBeVisible();
    expect(remove).not.toHaveBeenCalled();
    await confirm.getByRole("button", { name: "Remove" }).click();
    await expect.element(screen.getByRole("dialog")).not.toBeInTheDocument();
    expect(remove).toHaveBeenCalledWith(anna);
    expect(screen.getByText("anna@example.ch", { exact: true }).elements()).toHaveLength(0);
  });
});
