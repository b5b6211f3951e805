import { Group, NativeSelect, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiMutation } from "../../../api/queries";
import { fieldErrorOf, type FieldErrors } from "../../../api/fieldErrors";
import type { PublicUser } from "../../../api/types";
import { LANGUAGES, ROLES, type Language, type Role } from "../../../../../common/enums";
import { FormDialog } from "../../../ui/FormDialog";
import { useVersionAtOpen } from "../../../ui/useVersionAtOpen";
import { PasswordField } from "../../../ui/PasswordField";
import { notifyError } from "../../../ui/toasts";

export type UserFormMode = { kind: "create" } | { kind: "edit"; user: PublicUser };

/** Create a user, or change name, role and language of one; errors land under their field. */
export function UserFormModal({
  mode,
  onClose,
  onSaved,
  onStale,
}: {
  mode: UserFormMode;
  onClose(): void;
  onSaved(user: PublicUser, created: boolean): void;
  /** Someone else changed the account meanwhile: the list behind should be read again. */
  onStale(): void;
}) {
  const { t } = useTranslation();
  const editing = mode.kind === "edit" ? mode.user : null;
  const versionAtOpen = useVersionAtOpen(editing?.version);
  const [form, setForm] = useState({
    username: editing?.username ?? "",
    displayName: editing?.displayName ?? "",
    role: editing?.role ?? ("agent" as Role),
    language: editing?.language ?? ("fr" as Language),
    password: "",
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const update = useApiMutation("users.update");
  const create = useApiMutation("users.create");

  async function submit() {
    const required = editing ? (["displayName"] as const) : (["username", "displayName", "password"] as const);
    const missing: FieldErrors = {};
    for (const key of required) if (!form[key].trim()) missing[key] = t("errors.required");
    setErrors(missing);
    if (Object.keys(missing).length) return;
    try {
      if (editing) {
        const { displayName, role, language } = form;
        onSaved(await update.mutateAsync({ id: editing.id, version: versionAtOpen ?? editing.version, displayName, role, language }), false);
      } else {
        onSaved(await create.mutateAsync(form), true);
      }
    } catch (error) {
      const fields = fieldErrorOf(error);
      // A stale version is a CONFLICT on `version`: nothing the person can fix in this form.
      if (fields && "version" in fields) {
        notifyError(error);
        onStale();
      } else if (fields) setErrors(fields);
      // Anything else shows in the dialog's error area.
      else throw error;
    }
  }

  const roleOptions = ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));
  const languageOptions = LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}Name`) }));

  return (
    <FormDialog
      title={editing ? t("users.editTitle", { username: editing.username }) : t("users.createTitle")}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={editing ? t("common.save") : t("users.create")}
      size="md"
    >
      {!editing && (
        <TextInput
          label={t("users.username")}
          description={t("setup.usernameHint")}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          withAsterisk
          data-autofocus
          value={form.username}
          onChange={(e) => setForm({ ...form, username: e.currentTarget.value })}
          error={errors.username}
        />
      )}
      <TextInput
        label={t("users.displayName")}
        withAsterisk
        data-autofocus={editing ? true : undefined}
        value={form.displayName}
        onChange={(e) => setForm({ ...form, displayName: e.currentTarget.value })}
        error={errors.displayName}
      />
      <Group grow align="flex-start">
        <NativeSelect
          label={t("users.role")}
          data={roleOptions}
          value={form.role}
          onChange={(e) => setForm({ ...form, role: e.currentTarget.value as Role })}
          error={errors.role}
        />
        <NativeSelect
          label={t("users.language")}
          data={languageOptions}
          value={form.language}
          onChange={(e) => setForm({ ...form, language: e.currentTarget.value as Language })}
          error={errors.language}
        />
      </Group>
      {!editing && (
        <PasswordField
          label={t("users.password")}
          description={t("users.passwordHint")}
          autoComplete="new-password"
          withAsterisk
          value={form.password}
          onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
          error={errors.password}
        />
      )}
    </FormDialog>
  );
}
