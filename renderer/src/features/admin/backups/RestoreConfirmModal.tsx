import { Alert, Button, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Dialog } from "../../../ui/Dialog";

/** Names the backup's date twice (title and consequence), so nobody restores the wrong day by reflex. */
export function RestoreConfirmModal({ date, busy, onConfirm, onClose }: { date: string; busy: boolean; onConfirm(): void; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Dialog opened onClose={busy ? () => undefined : onClose} title={t("backups.confirm.title", { date })} size="lg">
      <Stack gap="md">
        <Text>{t("backups.confirm.body", { date })}</Text>
        <Alert color="orange" variant="light">
          {t("backups.confirm.sessions")}
        </Alert>
        <Group justify="flex-end" gap="xs">
          {/* Focus starts on Cancel: Enter alone does not replace the database. */}
          <Button variant="default" onClick={onClose} disabled={busy} data-autofocus>
            {t("common.cancel")}
          </Button>
          <Button color="red" onClick={onConfirm} loading={busy}>
            {t("backups.confirm.confirm")}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}
