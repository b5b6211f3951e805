import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiMutation } from "../../../api/queries";
import { fieldErrorOf } from "../../../api/fieldErrors";
import type { PublicUser } from "../../../api/types";
import { FormDialog } from "../../../ui/FormDialog";
import { PasswordField } from "../../../ui/PasswordField";

export function ResetPasswordModal({ user, onClose, onDone }: { user: PublicUser; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | undefined>();
  const reset = useApiMutation("users.resetPassword");

  async function submit() {
    if (!password) return setError(t("errors.required"));
    try {
      await reset.mutateAsync({ id: user.id, password });
      onDone();
    } catch (failure) {
      const fields = fieldErrorOf(failure);
      if (fields?.password) setError(fields.password);
      // Anything else shows in the dialog's error area.
      else throw failure;
    }
  }

  return (
    <FormDialog title={t("users.resetTitle", { username: user.username })} onClose={onClose} onSubmit={submit} size="md">
      <PasswordField
        label={t("users.newPassword")}
        description={t("users.resetHint")}
        autoComplete="new-password"
        data-autofocus
        withAsterisk
        value={password}
        onChange={(e) => {
          setPassword(e.currentTarget.value);
          setError(undefined);
        }}
        error={error}
      />
    </FormDialog>
  );
}
