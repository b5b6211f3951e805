import { Button, Group, Modal, Stack } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useApiMutation } from "../../../api/queries";
import { fieldErrorOf } from "../../../api/fieldErrors";
import type { PublicUser } from "../../../api/types";
import { PasswordField } from "../../../ui/PasswordField";
import { notifyError } from "../../../ui/toasts";

export function ResetPasswordModal({ user, onClose, onDone }: { user: PublicUser; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | undefined>();
  const reset = useApiMutation("users.resetPassword");
  const busy = reset.isPending;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!password) return setError(t("errors.required"));
    try {
      await reset.mutateAsync({ id: user.id, password });
      onDone();
    } catch (failure) {
      const fields = fieldErrorOf(failure);
      if (fields?.password) setError(fields.password);
      else notifyError(failure);
    }
  }

  return (
    <Modal opened onClose={onClose} title={t("users.resetTitle", { username: user.username })}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
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
          <Group justify="flex-end" gap="xs" mt="xs">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy}>
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
