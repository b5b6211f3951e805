import { Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";

/** Cancelling a request needs its reason, kept on the request for whoever reads it later. */
export function CancelRequestModal({
  onClose,
  onConfirm,
  error,
  busy,
}: {
  onClose(): void;
  onConfirm(reason: string): void;
  /** The server's refusal of the reason, under the field. */
  error?: string;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) return setMissing(true);
    onConfirm(reason.trim());
  }

  return (
    <Modal opened onClose={onClose} title={t("training.request.cancelTitle")} size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text fz="sm" c="dimmed">
            {t("training.request.cancelText")}
          </Text>
          <Textarea
            label={t("training.request.cancelReason")}
            withAsterisk
            data-autofocus
            autosize
            minRows={3}
            maxLength={500}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setMissing(false);
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) e.currentTarget.form?.requestSubmit();
            }}
            error={missing ? t("training.required") : error}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t("training.request.keep")}
            </Button>
            <Button type="submit" color="red" loading={busy}>
              {t("training.request.confirmCancel")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
