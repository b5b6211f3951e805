import { Text, Textarea } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useApiMutation } from "../../../api/queries";
import { FormDialog } from "../../../ui/FormDialog";
import { useVersionAtOpen } from "../../../ui/useVersionAtOpen";
import { useFormDraft } from "../shared/useFormDraft";
import type { RequestDetail } from "../trainingTypes";

/** Cancelling a request needs its reason, kept on the request for whoever reads it later. */
export function CancelRequestModal({ request, onClose, onCancelled }: { request: Pick<RequestDetail, "id" | "version">; onClose(): void; onCancelled(): void }) {
  const versionAtOpen = useVersionAtOpen(request.version);
  const { t } = useTranslation();
  const { form, set, errors, general, check, refused } = useFormDraft(() => ({ cancelReason: "" }));
  const change = useApiMutation("training.setStatus");

  async function submit() {
    const cancelReason = form.cancelReason.trim();
    if (!check(cancelReason ? {} : { cancelReason: t("training.required") })) return;
    await change.mutateAsync({ id: request.id, version: versionAtOpen, status: "cancelled", cancelReason });
    onCancelled();
  }

  return (
    <FormDialog
      title={t("training.request.cancelTitle")}
      size="md"
      onClose={onClose}
      onSubmit={submit}
      onFieldErrors={refused}
      error={general}
      cancelLabel={t("training.request.keep")}
      submitLabel={t("training.request.confirmCancel")}
      danger
    >
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
        value={form.cancelReason}
        onChange={(e) => set({ cancelReason: e.currentTarget.value })}
        error={errors.cancelReason}
      />
    </FormDialog>
  );
}
