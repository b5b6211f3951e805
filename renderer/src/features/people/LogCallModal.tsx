import { Group, NativeSelect, Text, TextInput, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiMutation } from "../../api/queries";
import { FormDialog } from "../../ui/FormDialog";
import { notifySuccess } from "../../ui/toasts";
import { formatDateTime } from "../../i18n/zurichTime";
import { useSignedIn } from "../../api/session";
import { readSwissDateTime } from "../../../../common/geneva-time";
import { dateTimeProblemText } from "../../i18n/dateTimeProblem";
import { INTERACTION_CHANNELS, INTERACTION_PURPOSES, type InteractionChannel, type InteractionPurpose } from "../../../../common/enums";
import type { PersonCard } from "./types";
import { useFieldErrors } from "./useFieldErrors";

/**
 * Log the call: channel, purpose, summary; the time is now unless changed, the agent is whoever is
 * signed in. Ctrl+Enter saves from any field, so the agent never leaves the keyboard.
 */
export function LogCallModal({ card, name, onClose, onLogged }: { card: PersonCard; name: string; onClose(): void; onLogged(): void }) {
  const { t } = useTranslation();
  const log = useApiMutation("interactions.log");
  const { state } = useSignedIn();
  const [channel, setChannel] = useState<InteractionChannel>("call_in");
  const [purpose, setPurpose] = useState<InteractionPurpose>("information");
  const [summary, setSummary] = useState("");
  const [opened] = useState(() => formatDateTime(Date.now()));
  const [at, setAt] = useState(opened);
  const { errors, setErrors, field } = useFieldErrors();

  async function submit() {
    // Left as proposed: the server's clock decides, so a slow desk clock cannot misdate the call.
    const reading = at.trim() === opened ? undefined : readSwissDateTime(at);
    if (reading && !reading.ok) {
      setErrors({ at: reading.problem === "format" ? t("people.logCall.invalidAt") : dateTimeProblemText(t, reading.problem) });
      return;
    }
    const when = reading?.at;
    await log.mutateAsync({ personId: card.id, channel, purpose, summary, ...(when !== undefined ? { at: when } : {}) });
    onLogged();
    notifySuccess(t("people.logCall.logged"));
  }

  return (
    <FormDialog title={t("people.logCall.title", { name })} submitLabel={t("people.logCall.submit")} onClose={onClose} onSubmit={submit} onFieldErrors={setErrors}>
      <Group grow align="flex-start">
        <NativeSelect
          label={t("people.logCall.channel")}
          data={INTERACTION_CHANNELS.map((c) => ({ value: c, label: t(`people.channels.${c}`) }))}
          value={channel}
          onChange={(e) => setChannel(e.currentTarget.value as InteractionChannel)}
          error={errors.channel}
        />
        <NativeSelect
          label={t("people.logCall.purpose")}
          data={INTERACTION_PURPOSES.map((p) => ({ value: p, label: t(`people.purposes.${p}`) }))}
          value={purpose}
          onChange={(e) => setPurpose(e.currentTarget.value as InteractionPurpose)}
          error={errors.purpose}
        />
      </Group>
      <Textarea
        label={t("people.logCall.summary")}
        placeholder={t("people.logCall.summaryPlaceholder")}
        data-autofocus
        autosize
        minRows={5}
        maxRows={14}
        maxLength={4000}
        {...field("summary", summary, setSummary)}
      />
      <Group grow align="flex-start">
        <TextInput
          label={t("people.logCall.at")}
          description={t("people.logCall.atHint")}
          inputWrapperOrder={["label", "input", "description", "error"]}
          autoComplete="off"
          {...field("at", at, setAt)}
          styles={{ input: { fontVariantNumeric: "tabular-nums" } }}
        />
        <TextInput label={t("people.logCall.agent")} value={state.user.displayName} readOnly variant="filled" tabIndex={-1} />
      </Group>
      <Text fz="xs" c="dimmed">
        {t("people.logCall.submitHint")}
      </Text>
    </FormDialog>
  );
}
