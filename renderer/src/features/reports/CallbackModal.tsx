import { Anchor, Group, Paper, Radio, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CALLBACK_OUTCOMES, type CallbackOutcome } from "../../../../common/enums";
import { personName } from "../../../../common/person-name";
import type { FieldErrors } from "../../api/fieldErrors";
import { useApiMutation } from "../../api/queries";
import { FormDialog } from "../../ui/FormDialog";
import { readDateTime } from "./DateTimeField";
import { dateTimeError } from "../../i18n/dateTimeProblem";
import { fieldId, NextCallbackField, NoteField, showErrors } from "./ReportFields";
import { PhoneIcon } from "./reportIcons";
import type { Report } from "./reportTypes";

const ORDER = ["outcome", "note", "nextCallbackAt"];

/** One call-back attempt: how it went, what was said, and when to try again (empty: nothing pending). */
export function CallbackModal({ report, onClose, onDone }: { report: Report; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<CallbackOutcome | null>(null);
  const [note, setNote] = useState("");
  const [next, setNext] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const logCallback = useApiMutation("reports.logCallback");
  const dial = report.callbackPhone ? { e164: report.callbackPhone, display: report.callbackPhoneDisplay ?? report.callbackPhone } : report.reporter?.phones[0];

  async function submit() {
    const found: FieldErrors = {};
    const nextAt = readDateTime(next);
    if (!outcome) found.outcome = t("errors.required");
    if (nextAt === "invalid") found.nextCallbackAt = dateTimeError(t, next) ?? t("reports.dateTime.invalid");
    else if (nextAt !== null && nextAt < Date.now()) found.nextCallbackAt = t("reports.dateTime.past");
    if (showErrors(found, ORDER, setErrors) || !outcome) return;
    await logCallback.mutateAsync({ id: report.id, outcome, ...(note.trim() ? { note } : {}), nextCallbackAt: typeof nextAt === "number" ? nextAt : null });
    onDone();
  }

  return (
    <FormDialog
      title={t("reports.callback.logTitle", { reference: report.reference })}
      onClose={onClose}
      onSubmit={submit}
      onFieldErrors={(fields) => showErrors(fields, ORDER, setErrors)}
      submitLabel={t("reports.callback.save")}
    >
      <Paper withBorder radius="sm" p="sm" bg="gray.0">
        <Group gap="sm" wrap="nowrap">
          <PhoneIcon size={18} />
          {dial ? (
            <Anchor href={`tel:${dial.e164}`} ff="monospace" fw={700} fz="lg">
              {dial.display}
            </Anchor>
          ) : (
            <Text c="dimmed">{t("reports.callback.noPhone")}</Text>
          )}
          <Text fz="sm" c="dimmed" truncate="end">
            {report.reporter ? personName(report.reporter) : ""}
            {report.callbackWindow ? ` · ${report.callbackWindow}` : ""}
          </Text>
        </Group>
      </Paper>
      <Radio.Group
        id={fieldId("outcome")}
        label={t("reports.callback.outcome")}
        withAsterisk
        value={outcome}
        onChange={(value) => setOutcome(value as CallbackOutcome)}
        error={errors.outcome}
      >
        <Group gap="lg" mt={6}>
          {CALLBACK_OUTCOMES.map((o, index) => (
            <Radio key={o} value={o} label={t(`reports.outcome.${o}`)} data-autofocus={index === 0 ? true : undefined} />
          ))}
        </Group>
      </Radio.Group>
      <NoteField label={t("reports.callback.note")} value={note} onChange={setNote} error={errors.note} />
      <NextCallbackField description={t("reports.callback.nextHint")} text={next} onTextChange={setNext} error={errors.nextCallbackAt} />
    </FormDialog>
  );
}
