import { Anchor, Button, Group, Modal, Paper, Radio, Stack, Text, Textarea } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { CALLBACK_OUTCOMES, type CallbackOutcome } from "../../../../common/enums";
import { personName } from "../../../../common/person-name";
import { fieldErrorOf, type FieldErrors } from "../../api/fieldErrors";
import { useApiMutation } from "../../api/queries";
import { callbackPresets } from "./callbackPresets";
import { DateTimeField, readDateTime } from "./DateTimeField";
import { fieldId, focusFirstError } from "./ReportFields";
import { PhoneIcon } from "./reportIcons";
import type { Report } from "./reportTypes";

const ORDER = ["outcome", "note", "nextCallbackAt"];

/** One call-back attempt: how it went, what was said, and when to try again (empty: nothing pending). */
export function CallbackModal({ report, onClose, onDone, onFailed }: { report: Report; onClose(): void; onDone(): void; onFailed(error: unknown): void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<CallbackOutcome | null>(null);
  const [note, setNote] = useState("");
  const [next, setNext] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const logCallback = useApiMutation("reports.logCallback");
  const dial = report.callbackPhone ? { e164: report.callbackPhone, display: report.callbackPhoneDisplay ?? report.callbackPhone } : report.reporter?.phones[0];

  function submit(event?: FormEvent) {
    event?.preventDefault();
    const found: FieldErrors = {};
    const nextAt = readDateTime(next);
    if (!outcome) found.outcome = t("errors.required");
    if (nextAt === "invalid") found.nextCallbackAt = t("reports.dateTime.invalid");
    else if (nextAt !== null && nextAt < Date.now()) found.nextCallbackAt = t("reports.dateTime.past");
    setErrors(found);
    if (!outcome || Object.keys(found).length) return focusFirstError(found, ORDER);
    logCallback.mutate(
      { id: report.id, outcome, ...(note.trim() ? { note } : {}), nextCallbackAt: typeof nextAt === "number" ? nextAt : null },
      {
        onSuccess: onDone,
        onError: (error) => {
          const fields = fieldErrorOf(error);
          if (fields) {
            setErrors(fields);
            focusFirstError(fields, ORDER);
          } else onFailed(error);
        },
      },
    );
  }

  return (
    <Modal opened onClose={onClose} title={t("reports.callback.logTitle", { reference: report.reference })} size="lg">
      <form
        onSubmit={submit}
        noValidate
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            submit();
          }
        }}
      >
        <Stack gap="md">
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
          <Textarea
            id={fieldId("note")}
            label={t("reports.callback.note")}
            autosize
            minRows={3}
            maxRows={10}
            maxLength={20_000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
          />
          <DateTimeField
            id={fieldId("nextCallbackAt")}
            label={t("reports.callback.next")}
            description={t("reports.callback.nextHint")}
            text={next}
            onTextChange={setNext}
            error={errors.nextCallbackAt}
            presets={callbackPresets(t)}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={logCallback.isPending}>
              {t("reports.callback.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
