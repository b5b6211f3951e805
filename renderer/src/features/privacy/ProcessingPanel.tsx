import { Button, Group, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/ApiError";
import { useCan } from "../../api/capabilities";
import { useApiMutation } from "../../api/queries";
import { fieldErrorOf, type FieldErrors } from "../../api/fieldErrors";
import { notifyError, notifySuccess } from "../../ui/toasts";
import { isoToSwiss, swissToIso } from "../../i18n/zurichTime";
import { CardSection } from "../../ui/CardSection";
import { FormDialog } from "../../ui/FormDialog";
import { addDays } from "./privacyDates";
import { isPending, type RequestDetail } from "./privacyTypes";

type Decision = "complete" | "extend" | "refuse";
/** The ordinance allows a justified longer delay; the server stops at 60 days past the original date. */
const MAX_EXTENSION_DAYS = 60;

/**
 * How the request ends: anyone closes it with the outcome told to the person; a manager may
 * extend the deadline (with the reason told to the person) or refuse it on a legal ground.
 */
export function ProcessingPanel({
  request,
  blockedReason,
  onStale,
}: {
  request: RequestDetail;
  blockedReason: string | null;
  onStale(): void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const [decision, setDecision] = useState<Decision | null>(null);
  const mayExtend = can("privacy.requests.extend");
  const mayRefuse = can("privacy.requests.refuse");

  if (!isPending(request.status))
    return (
      <CardSection title={t("privacy.processing.title")}>
        <Text fz="sm" c="dimmed">
          {t("privacy.processing.closed")}
        </Text>
      </CardSection>
    );

  return (
    <CardSection title={t("privacy.processing.title")}>
      <Stack gap="xs">
        <Group gap="xs">
          <Button onClick={() => setDecision("complete")} disabled={blockedReason !== null}>
            {t("privacy.processing.complete")}
          </Button>
          {mayExtend && (
            <Button variant="default" onClick={() => setDecision("extend")}>
              {t("privacy.processing.extend")}
            </Button>
          )}
          {mayRefuse && (
            <Button variant="default" color="red" onClick={() => setDecision("refuse")}>
              {t("privacy.processing.refuse")}
            </Button>
          )}
        </Group>
        {blockedReason && (
          <Text fz="sm" c="orange.9">
            {t("privacy.processing.completeBlocked")}
          </Text>
        )}
        <Text fz="xs" c="dimmed">
          {mayExtend || mayRefuse ? t("privacy.processing.managerHint") : t("privacy.processing.agentHint")}
        </Text>
      </Stack>
      {decision && (
        <DecisionModal
          decision={decision}
          request={request}
          onClose={() => setDecision(null)}
          onDone={() => setDecision(null)}
          onStale={() => {
            setDecision(null);
            onStale();
          }}
        />
      )}
    </CardSection>
  );
}

function DecisionModal({
  decision,
  request,
  onClose,
  onDone,
  onStale,
}: {
  decision: Decision;
  request: RequestDetail;
  onClose(): void;
  onDone(): void;
  onStale(): void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [due, setDue] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const complete = useApiMutation("privacy.requests.complete");
  const extend = useApiMutation("privacy.requests.extend");
  const refuse = useApiMutation("privacy.requests.refuse");
  const latest = addDays(request.originalDueOn, MAX_EXTENSION_DAYS);
  const textField = decision === "complete" ? "outcome" : "reason";

  async function submit() {
    const local: FieldErrors = {};
    if (!text.trim()) local[textField] = t("privacy.processing.required");
    const dueIso = decision === "extend" ? swissToIso(due) : null;
    if (decision === "extend" && !dueIso) local.dueOn = t("common.date.invalid");
    if (Object.keys(local).length > 0) {
      setErrors(local);
      return;
    }
    try {
      const base = { id: request.id, version: request.version };
      if (decision === "complete") await complete.mutateAsync({ ...base, outcome: text.trim() });
      else if (decision === "extend") await extend.mutateAsync({ ...base, dueOn: dueIso!, reason: text.trim() });
      else await refuse.mutateAsync({ ...base, reason: text.trim() });
      notifySuccess(t(`privacy.processing.done.${decision}`, { reference: request.reference }));
      onDone();
    } catch (error) {
      const fields = fieldErrorOf(error);
      if (isApiError(error) && error.code === "CONFLICT" && error.field === "version") {
        notifyError(error);
        onStale();
        return;
      }
      if (fields && (fields[textField] || fields.dueOn)) setErrors(fields);
      // Anything else shows in the dialog's error area.
      else throw error;
    }
  }

  return (
    <FormDialog
      title={t(`privacy.processing.titles.${decision}`, { reference: request.reference })}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t(`privacy.processing.confirm.${decision}`)}
      danger={decision === "refuse"}
    >
      {decision === "extend" && (
        <TextInput
          label={t("privacy.processing.newDueOn")}
          description={t("privacy.processing.newDueHint", { current: isoToSwiss(request.dueOn), latest: isoToSwiss(latest) })}
          placeholder={t("common.date.placeholder")}
          inputMode="numeric"
          autoComplete="off"
          required
          data-autofocus
          value={due}
          onChange={(e) => setDue(e.currentTarget.value)}
          error={errors.dueOn}
        />
      )}
      <Textarea
        label={t(`privacy.processing.textLabels.${decision}`)}
        description={t(`privacy.processing.textHints.${decision}`)}
        required
        autosize
        minRows={3}
        maxRows={8}
        maxLength={decision === "complete" ? 4000 : 1000}
        data-autofocus={decision !== "extend" ? true : undefined}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        error={errors[textField]}
      />
    </FormDialog>
  );
}
