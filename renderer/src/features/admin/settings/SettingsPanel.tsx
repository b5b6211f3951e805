import { Button, Divider, Group, NumberInput, Paper, Stack, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useApiMutation, useApiQuery, type OpOutput } from "../../../api/queries";
import { fieldErrorOf, type FieldErrors } from "../../../api/fieldErrors";
import { notifyError, notifySuccess } from "../../../ui/toasts";
import { useSignedIn } from "../../../api/session";
import { useCan } from "../../../api/capabilities";

/** The settings this form edits; each is sent under its own key, so errors come back under it. */
type NumberKey = "session.idleMinutes" | "session.maxHours" | "backup.intervalHours" | "backup.keep" | "backup.retentionDays";
const NUMBER_KEYS: readonly NumberKey[] = ["session.idleMinutes", "session.maxHours", "backup.intervalHours", "backup.keep", "backup.retentionDays"];
type Values = Record<NumberKey, number | string> & { "backup.folder": string };

const EMPTY: Values = { "session.idleMinutes": "", "session.maxHours": "", "backup.intervalHours": "", "backup.keep": "", "backup.retentionDays": "", "backup.folder": "" };
const LIMITS: Record<NumberKey, [number, number]> = {
  "session.idleMinutes": [1, 240],
  "session.maxHours": [1, 24],
  "backup.intervalHours": [1, 168],
  "backup.keep": [1, 1000],
  "backup.retentionDays": [1, 3650],
};

function valuesOf(settings: OpOutput<"settings.get">): Values {
  return {
    "session.idleMinutes": settings["session.idleMinutes"],
    "session.maxHours": settings["session.maxHours"],
    "backup.intervalHours": settings["backup.intervalHours"],
    "backup.keep": settings["backup.keep"],
    "backup.retentionDays": settings["backup.retentionDays"],
    "backup.folder": settings["backup.folder"],
  };
}

export function SettingsPanel() {
  const { t } = useTranslation();
  const { setIdleMinutes } = useSignedIn();
  const fileBackups = useCan()("backups.list");
  const stored = useApiQuery("settings.get", {}).data;
  const loaded = stored !== undefined;
  // The form shows what is stored until the first edit; after a save, what is stored again.
  const [edited, setEdited] = useState<Values | null>(null);
  const values = edited ?? (stored ? valuesOf(stored) : EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useApiMutation("settings.update", {
    onSuccess: (saved) => {
      setEdited(null);
      // This desk follows at once; the others pick it up with their next heartbeat.
      setIdleMinutes(saved["session.idleMinutes"]);
      notifySuccess(t("settings.saved"));
    },
  });
  const busy = save.isPending;

  function change(key: keyof Values, value: number | string) {
    setEdited((current) => ({ ...(current ?? values), [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing = NUMBER_KEYS.filter((key) => (fileBackups || !key.startsWith("backup.")) && typeof values[key] !== "number");
    if (missing.length) return setErrors(Object.fromEntries(missing.map((key) => [key, t("errors.required")])));
    setErrors({});
    const session = { "session.idleMinutes": values["session.idleMinutes"] as number, "session.maxHours": values["session.maxHours"] as number };
    try {
      await save.mutateAsync(
        fileBackups
          ? {
              ...session,
              "backup.intervalHours": values["backup.intervalHours"] as number,
              "backup.keep": values["backup.keep"] as number,
              "backup.retentionDays": values["backup.retentionDays"] as number,
              "backup.folder": values["backup.folder"],
            }
          : session,
      );
    } catch (failure) {
      const fields = fieldErrorOf(failure);
      if (fields) setErrors(fields);
      else notifyError(failure);
    }
  }

  const numberField = (key: NumberKey, label: string, hint: string) => (
    <NumberInput
      label={label}
      description={hint}
      min={LIMITS[key][0]}
      max={LIMITS[key][1]}
      step={1}
      allowDecimal={false}
      allowNegative={false}
      clampBehavior="none"
      // The hint spans the card; only the box itself is narrow, sized for four digits.
      styles={{ wrapper: { maxWidth: 160 } }}
      disabled={!loaded}
      value={values[key]}
      onChange={(value) => change(key, value)}
      error={errors[key]}
    />
  );

  return (
    <Paper withBorder radius="md" p="lg" maw={640}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {numberField("session.idleMinutes", t("settings.idleMinutes"), t("settings.idleMinutesHint"))}
          {numberField("session.maxHours", t("settings.maxHours"), t("settings.maxHoursHint"))}
          {/* A PostgreSQL server's backups are IT's (no backups tab there): nothing of the app's to set. */}
          {fileBackups && (
            <>
              <Divider label={t("backups.settings.title")} labelPosition="left" />
              <TextInput
                label={t("backups.settings.folder")}
                description={t("backups.settings.folderHint")}
                disabled={!loaded}
                value={values["backup.folder"]}
                onChange={(e) => change("backup.folder", e.currentTarget.value)}
                error={errors["backup.folder"]}
                spellCheck={false}
                styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
              />
              {numberField("backup.intervalHours", t("backups.settings.intervalHours"), t("backups.settings.intervalHoursHint"))}
              {numberField("backup.keep", t("backups.settings.keep"), t("backups.settings.keepHint"))}
              {numberField("backup.retentionDays", t("backups.settings.retentionDays"), t("backups.settings.retentionDaysHint"))}
            </>
          )}
          <Group>
            <Button type="submit" loading={busy} disabled={!loaded}>
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
