import { TextInput } from "@mantine/core";
import { useState } from "react";
import { describe, expect, test } from "vitest";
import { userEvent } from "vitest/browser";
import { useApiMutation } from "../../../renderer/src/api/queries";
import { i18n } from "../../../renderer/src/i18n/i18n";
import { FormDialog } from "../../../renderer/src/ui/FormDialog";
import { fakeServer, pause, renderUi } from "./harness";

/** A form as the screens write them: the operation's mutation, its refusals under the fields. */
function NewCompany() {
  const create = useApiMutation("companies.create");
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  return (
    <FormDialog title="New company" onClose={() => {}} onSubmit={() => create.mutateAsync({ name }).then(() => {})} onFieldErrors={setErrors}>
      <TextInput label="Company name" data-autofocus value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
    </FormDialog>
  );
}

describe("forms validate with the contract's schemas", () => {
  test("an empty name is refused under the field, in the user's language, without reaching the server", async () => {
    const server = fakeServer();
    const screen = await renderUi(<NewCompany />);
    await userEvent.keyboard("{Control>}{Enter}{/Control}");
    await expect.element(screen.getByText("Required field.")).toBeVisible();
    await pause(50);
    expect(server.calls).toEqual([]);

    await i18n.changeLanguage("fr");
    await userEvent.keyboard("{Control>}{Enter}{/Control}");
    await expect.element(screen.getByText("Champ obligatoire.")).toBeVisible();
    expect(server.calls).toEqual([]);

    await screen.getByLabelText("Company name").fill("Favre SA");
    await userEvent.keyboard("{Control>}{Enter}{/Control}");
    await server.called("companies.create", { name: "Favre SA" });
  });
});
