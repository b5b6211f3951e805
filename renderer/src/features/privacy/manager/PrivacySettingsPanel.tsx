import { ActionIcon, Button, Divider, Group, NumberInput, Paper, SimpleGrid, Stack, Switch, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useApiMutation, useApiQuery, type OpOutput } from "../../../api/queries";
import { fieldErrorOf, type FieldErrors } from "../../../api/fieldErrors";
import { PlusIcon } from "../../../ui/icons";
import { notifyError, notifySuccess } from "../../../ui/toasts";
import { TrashIcon } from "../../../ui/peopleIcons";

type AllSettings = OpOutput<"settings.get">;
type Controller = AllSettings["privacy.controller"];
type Recipient = AllSettings["privacy.recipients"][number];

const YEAR_KEYS = ["retention.interactionsYears", "retention.closedReportsYears", "retention.trainingRequestsYears", "retention.inactivePeopleYears"] as const;
type YearKey = (typeof YEAR_KEYS)[number];
const YEAR_LABELS: Record<YearKey, "interactionsYears" | "closedReportsYears" | "trainingRequestsYears" | "inactivePeopleYears"> = {
  "retention.interactionsYears": "interactionsYears",
  "retention.closedReportsYears": "closedReportsYears",
  "retention.trainingRequestsYears": "trainingRequestsYears",
  "retention.inactivePeopleYears": "inactivePeopleYears",
};
const MAX_LENGTH: Record<keyof Controller, number> = { name: 200, street: 200, postalCode: 12, city: 100, country: 100, phone: 30, email: 254 };

interface Values {
  controller: Controller;
  recipients: Recipient[];
  years: Record<YearKey, number | string>;
  applyAtStartup: boolean;
}

function valuesOf(settings: AllSettings): Values {
  return {
    controller: settings["privacy.controller"],
    recipients: settings["privacy.recipients"],
    years: Object.fromEntries(YEAR_KEYS.map((key) => [key, settings[key]])) as Record<YearKey, number>,
    applyAtStartup: settings["retention.applyAtStartup"],
  };
}

/**
 * Administration › Protection des données: who the controller is and who receives data (both
 * printed on every access report), and how long each kind of data is kept. Every field is sent
 * under its setting's key, so a refusal comes back under that field (privacy.controller.name…).
 */
export function PrivacySettingsPanel() {
  const { t } = useTranslation();
  const stored = useApiQuery("settings.get", {}).data;
  // The form shows what is stored until the first edit; after a save, what is stored again.
  const [edited, setEdited] = useState<Values | null>(null);
  const values = edited ?? (stored ? valuesOf(stored) : null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useApiMutation("settings.update", {
    onSuccess: () => {
      setEdited(null);
      notifySuccess(t("privacyTools.settings.saved"));
    },
  });
  const busy = save.isPending;

  const clear = (field: string) => setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
  const update = (next: (v: Values) => Values) =>
    setEdited((current) => {
      const base = current ?? (stored ? valuesOf(stored) : null);
      return base ? next(base) : null;
    });

  function setController(field: keyof Controller, value: string) {
    update((v) => ({ ...v, controller: { ...v.controller, [field]: value } }));
    clear(`privacy.controller.${field}`);
  }
  function setRecipient(index: number, field: keyof Recipient, value: string) {
    update((v) => ({ ...v, recipients: v.recipients.map((r, i) => (i === index ? { ...r, [field]: value } : r)) }));
    clear(`privacy.recipients.${index}.${field}`);
  }
  function removeRecipient(index: number) {
    update((v) => ({ ...v, recipients: v.recipients.filter((_, i) => i !== index) }));
    // The rows below move up: their errors no longer point at the right row.
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([key]) => !key.startsWith("privacy.recipients."))));
  }

  function check(v: Values): FieldErrors {
    const found: FieldErrors = {};
    if (!v.controller.name.trim()) found["privacy.controller.name"] = t("errors.required");
    v.recipients.forEach((r, i) => {
      if (!r.name.trim()) found[`privacy.recipients.${i}.name`] = t("errors.required");
    });
    for (const key of YEAR_KEYS) if (typeof v.years[key] !== "number") found[key] = t("errors.required");
    return found;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!values) return;
    const found = check(values);
    if (Object.keys(found).length) return setErrors(found);
    setErrors({});
    try {
      await save.mutateAsync({
        "privacy.controller": values.controller,
        "privacy.recipients": values.recipients,
        "retention.interactionsYears": values.years["retention.interactionsYears"] as number,
        "retention.closedReportsYears": values.years["retention.closedReportsYears"] as number,
        "retention.trainingRequestsYears": values.years["retention.trainingRequestsYears"] as number,
        "retention.inactivePeopleYears": values.years["retention.inactivePeopleYears"] as number,
        "retention.applyAtStartup": values.applyAtStartup,
      });
    } catch (failure) {
      const fields = fieldErrorOf(failure);
      if (fields) setErrors(fields);
      else notifyError(failure);
    }
  }

  const disabled = values === null;
  const v = values ?? { controller: { name: "", street: "", postalCode: "", city: "", country: "", phone: "", email: "" }, recipients: [], years: { "retention.interactionsYears": "", "retention.closedReportsYears": "", "retention.trainingRequestsYears": "", "retention.inactivePeopleYears": "" }, applyAtStartup: false };

  const controllerField = (field: keyof Controller) => (
    <TextInput
      key={field}
      label={t(`privacyTools.settings.${field}`)}
      required={field === "name"}
      maxLength={MAX_LENGTH[field]}
      type={field === "email" ? "email" : field === "phone" ? "tel" : "text"}
      disabled={disabled}
      value={v.controller[field]}
      onChange={(e) => setController(field, e.currentTarget.value)}
      error={errors[`privacy.controller.${field}`]}
    />
  );

  return (
    <Paper withBorder radius="md" p="lg" maw={860}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          <Divider label={t("privacyTools.settings.controller")} labelPosition="left" />
          <Text fz="xs" c="dimmed" mt={-8}>
            {t("privacyTools.settings.controllerHint")}
          </Text>
          {controllerField("name")}
          {controllerField("street")}
          <Group gap="sm" align="flex-start" grow preventGrowOverflow={false} wrap="nowrap">
            <div style={{ flex: "0 0 110px" }}>{controllerField("postalCode")}</div>
            {controllerField("city")}
            {controllerField("country")}
          </Group>
          <SimpleGrid cols={2} spacing="sm">
            {controllerField("phone")}
            {controllerField("email")}
          </SimpleGrid>

          <Divider label={t("privacyTools.settings.recipients")} labelPosition="left" mt="sm" />
          <Text fz="xs" c="dimmed" mt={-8}>
            {t("privacyTools.settings.recipientsHint")}
          </Text>
          {v.recipients.length === 0 && (
            <Text fz="sm" c="dimmed">
              {t("privacyTools.settings.noRecipients")}
            </Text>
          )}
          {v.recipients.map((recipient, index) => {
            const n = index + 1;
            return (
              <Group key={index} gap="sm" align="flex-start" wrap="nowrap" role="group" aria-label={t("privacyTools.settings.recipientRow", { n })}>
                <TextInput
                  style={{ flex: 3 }}
                  label={t("privacyTools.settings.recipientName")}
                  required
                  maxLength={200}
                  value={recipient.name}
                  onChange={(e) => setRecipient(index, "name", e.currentTarget.value)}
                  error={errors[`privacy.recipients.${index}.name`]}
                />
                <TextInput
                  style={{ flex: 4 }}
                  label={t("privacyTools.settings.recipientPurpose")}
                  maxLength={300}
                  value={recipient.purpose}
                  onChange={(e) => setRecipient(index, "purpose", e.currentTarget.value)}
                  error={errors[`privacy.recipients.${index}.purpose`]}
                />
                <TextInput
                  style={{ flex: 2 }}
                  label={t("privacyTools.settings.recipientCountry")}
                  maxLength={100}
                  value={recipient.country}
                  onChange={(e) => setRecipient(index, "country", e.currentTarget.value)}
                  error={errors[`privacy.recipients.${index}.country`]}
                />
                {/* Lined up with the inputs, below their labels. */}
                <ActionIcon variant="subtle" color="red" mt={26} aria-label={t("privacyTools.settings.removeRecipient", { n })} onClick={() => removeRecipient(index)}>
                  <TrashIcon size={16} />
                </ActionIcon>
              </Group>
            );
          })}
          <Group>
            <Button
              variant="default"
              size="compact-sm"
              leftSection={<PlusIcon size={14} />}
              disabled={disabled || v.recipients.length >= 50}
              onClick={() => update((cur) => ({ ...cur, recipients: [...cur.recipients, { name: "", purpose: "", country: "" }] }))}
            >
              {t("privacyTools.settings.addRecipient")}
            </Button>
          </Group>

          <Divider label={t("privacyTools.settings.retention")} labelPosition="left" mt="sm" />
          <Text fz="xs" c="dimmed" mt={-8}>
            {t("privacyTools.settings.retentionHint")}
          </Text>
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
            {YEAR_KEYS.map((key) => (
              <NumberInput
                key={key}
                label={t(`privacyTools.settings.${YEAR_LABELS[key]}`)}
                rightSection={
                  <Text fz="xs" c="dimmed" pr={6}>
                    {t("privacyTools.settings.years")}
                  </Text>
                }
                rightSectionWidth={44}
                rightSectionPointerEvents="none"
                min={1}
                max={30}
                step={1}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="none"
                hideControls
                disabled={disabled}
                value={v.years[key]}
                onChange={(value) => {
                  update((cur) => ({ ...cur, years: { ...cur.years, [key]: value } }));
                  clear(key);
                }}
                error={errors[key]}
              />
            ))}
          </SimpleGrid>
          <Switch
            label={t("privacyTools.settings.applyAtStartup")}
            description={t("privacyTools.settings.applyAtStartupHint")}
            disabled={disabled}
            checked={v.applyAtStartup}
            onChange={(e) => {
              const checked = e.currentTarget.checked;
              update((cur) => ({ ...cur, applyAtStartup: checked }));
            }}
            error={errors["retention.applyAtStartup"]}
          />
          <Group>
            <Button type="submit" loading={busy} disabled={disabled}>
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
