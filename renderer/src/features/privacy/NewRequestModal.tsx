import { Alert, Group, NativeSelect, Text, TextInput, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiMutation } from "../../api/queries";
import type { FieldErrors } from "../../api/fieldErrors";
import { FormDialog } from "../../ui/FormDialog";
import { notifySuccess } from "../../ui/toasts";
import { isoToSwiss, swissToIso } from "../../i18n/zurichTime";
import { PersonTypeahead, type PickedPerson } from "../../ui/Typeahead";
import { addDays, DUE_DAYS, todayInZurich } from "./privacyDates";
import { PRIVACY_CHANNELS, PRIVACY_REQUEST_KINDS, type PrivacyChannel, type PrivacyRequestKind } from "../../../../common/enums";

/**
 * Records a request about personal data as it arrives (revFADP: the 30-day clock starts at
 * receipt). From the person's card the person is known; from the register the agent finds them.
 */
export function NewRequestModal({ person, onClose, onCreated }: { person: PickedPerson | null; onClose(): void; onCreated(id: number): void }) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<PickedPerson | null>(person);
  const [kind, setKind] = useState<PrivacyRequestKind>("access");
  const [channel, setChannel] = useState<PrivacyChannel>("phone");
  const [today] = useState(() => todayInZurich());
  const [received, setReceived] = useState(() => isoToSwiss(today));
  const [details, setDetails] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useApiMutation("privacy.requests.create");

  const receivedIso = swissToIso(received);
  const receivedError = received.trim() === "" ? undefined : !receivedIso ? t("common.date.invalid") : receivedIso > today ? t("privacy.form.futureDate") : undefined;

  async function submit() {
    const local: FieldErrors = {};
    if (!picked) local.personId = t("privacy.form.personRequired");
    if (!receivedIso) local.receivedOn = t("common.date.invalid");
    else if (receivedIso > today) local.receivedOn = t("privacy.form.futureDate");
    if (Object.keys(local).length > 0 || !picked || !receivedIso) {
      setErrors(local);
      return;
    }
    const created = await create.mutateAsync({ personId: picked.id, kind, channel, receivedOn: receivedIso, ...(details.trim() ? { details: details.trim() } : {}) });
    notifySuccess(t("privacy.form.created", { reference: created.reference }));
    onCreated(created.id);
  }

  return (
    <FormDialog
      title={person ? t("privacy.form.titleFor", { name: person.name }) : t("privacy.form.title")}
      onClose={onClose}
      onSubmit={submit}
      onFieldErrors={setErrors}
      submitLabel={t("privacy.form.create")}
    >
      {!person && (
        <PersonTypeahead
          label={t("privacy.form.person")}
          placeholder={t("privacy.form.personPlaceholder")}
          description={t("privacy.form.personHint")}
          required
          data-autofocus
          comboboxProps={{ withinPortal: true }}
          nothingFoundMessage={t("privacy.form.nobody")}
          maxDropdownHeight={300}
          value={picked}
          onChange={(next) => {
            setPicked(next);
            setErrors((e) => ({ ...e, personId: undefined }));
          }}
          error={errors.personId}
        />
      )}
      <Group grow align="flex-start">
        <NativeSelect
          label={t("privacy.form.kind")}
          data={PRIVACY_REQUEST_KINDS.map((k) => ({ value: k, label: t(`privacy.kinds.${k}`) }))}
          value={kind}
          onChange={(e) => setKind(e.currentTarget.value as PrivacyRequestKind)}
          error={errors.kind}
          data-autofocus={person ? true : undefined}
        />
        <NativeSelect
          label={t("privacy.form.channel")}
          data={PRIVACY_CHANNELS.map((c) => ({ value: c, label: t(`privacy.channels.${c}`) }))}
          value={channel}
          onChange={(e) => setChannel(e.currentTarget.value as PrivacyChannel)}
          error={errors.channel}
        />
        <TextInput
          label={t("privacy.form.receivedOn")}
          placeholder={t("common.date.placeholder")}
          inputMode="numeric"
          autoComplete="off"
          required
          value={received}
          onChange={(e) => {
            setReceived(e.currentTarget.value);
            setErrors((prev) => ({ ...prev, receivedOn: undefined }));
          }}
          error={errors.receivedOn ?? receivedError}
        />
      </Group>
      <Text fz="xs" c="dimmed" mt={-8}>
        {t(`privacy.kindHints.${kind}`)}
      </Text>
      <Textarea label={t("privacy.form.details")} placeholder={t("privacy.form.detailsPlaceholder")} autosize minRows={3} maxRows={8} maxLength={4000} value={details} onChange={(e) => setDetails(e.currentTarget.value)} error={errors.details} />
      <Alert variant="light" color="gray" p="xs" aria-live="polite">
        <Text fz="sm">
          {receivedIso && receivedIso <= today
            ? t("privacy.form.due", { date: isoToSwiss(addDays(receivedIso, DUE_DAYS)), days: DUE_DAYS })
            : t("privacy.form.dueUnknown", { days: DUE_DAYS })}
        </Text>
      </Alert>
    </FormDialog>
  );
}
