import { Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ReportStatus } from "../../../../common/enums";
import { isApiError } from "../../api/ApiError";
import type { FieldErrors } from "../../api/fieldErrors";
import { useApiMutation } from "../../api/queries";
import { FormDialog } from "../../ui/FormDialog";
import { useVersionAtOpen } from "../../ui/useVersionAtOpen";
import { readDateTime } from "./DateTimeField";
import { dateTimeError } from "../../i18n/dateTimeProblem";
import { fieldId, NextCallbackField, NoteField, showErrors } from "./ReportFields";
import type { Report } from "./reportTypes";

/** The two moves that need words: resolving (what fixed it) and waiting for the customer (until when, or why). */
export type StatusWithDetails = Extract<ReportStatus, "resolved" | "waiting_for_customer">;

export function needsDetails(status: ReportStatus): status is StatusWithDetails {
  return status === "resolved" || status === "waiting_for_customer";
}

const ORDER = ["resolution", "nextCallbackAt", "note"];

export function StatusModal({
  report,
  to,
  onClose,
  onDone,
  onFailed,
}: {
  report: Report;
  to: StatusWithDetails;
  onClose(): void;
  onDone(report: Report): void;
  /** Someone else changed the report first (CONFLICT): the screen says so and shows what is there now. */
  onFailed(error: unknown): void;
}) {
  const versionAtOpen = useVersionAtOpen(report.version);
  const { t } = useTranslation();
  const [resolution, setResolution] = useState("");
  const [note, setNote] = useState("");
  const [next, setNext] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const setStatus = useApiMutation("reports.setStatus");

  async function submit() {
    const found: FieldErrors = {};
    const nextAt = readDateTime(next);
    if (to === "resolved" && !resolution.trim()) found.resolution = t("reports.statusChange.resolutionRequired");
    if (to === "waiting_for_customer") {
      if (nextAt === "invalid") found.nextCallbackAt = dateTimeError(t, next) ?? t("reports.dateTime.invalid");
      else if (nextAt !== null && nextAt < Date.now()) found.nextCallbackAt = t("reports.dateTime.past");
      else if (nextAt === null && !note.trim()) found.nextCallbackAt = t("reports.statusChange.waitingNeeds");
    }
    if (showErrors(found, ORDER, setErrors)) return;
    const input =
      to === "resolved"
        ? { id: report.id, version: versionAtOpen, status: to, resolution }
        : { id: report.id, version: versionAtOpen, status: to, ...(note.trim() ? { note } : {}), ...(typeof nextAt === "number" ? { nextCallbackAt: nextAt } : {}) };
    try {
      onDone(await setStatus.mutateAsync(input));
    } catch (error) {
      if (isApiError(error) && error.code === "CONFLICT") return onFailed(error);
      throw error;
    }
  }

  return (
    <FormDialog
      title={t(`reports.statusChange.modalTitle.${to}`)}
      onClose={onClose}
      onSubmit={submit}
      onFieldErrors={(fields) => showErrors(fields, ORDER, setErrors)}
      submitLabel={t(`reports.statusAction.${to}`)}
    >
      {to === "resolved" ? (
        <Textarea
          id={fieldId("resolution")}
          label={t("reports.statusChange.resolution")}
          description={t("reports.statusChange.resolutionHint")}
          withAsterisk
          data-autofocus
          autosize
          minRows={4}
          maxRows={12}
          maxLength={20_000}
          value={resolution}
          onChange={(e) => setResolution(e.currentTarget.value)}
          error={errors.resolution}
        />
      ) : (
        <>
          <Text fz="sm" c="dimmed">
            {t("reports.statusChange.waitingHint")}
          </Text>
          <NextCallbackField description={t("reports.dateTime.zone")} text={next} onTextChange={setNext} error={errors.nextCallbackAt} />
          <NoteField label={t("reports.statusChange.note")} value={note} onChange={setNote} error={errors.note} />
        </>
      )}
    </FormDialog>
  );
}
