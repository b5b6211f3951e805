import { Button, Group, NumberInput, Paper, Stack } from "@mantine/core";
import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api/client";
import { fieldErrorOf } from "../../../api/fieldErrors";
import { notifyError, notifySuccess } from "../../../app/toasts";
import { useSignedIn } from "../../session/SessionContext";

export function SettingsPanel() {
  const { t } = useTranslation();
  const { setIdleMinutes } = useSignedIn();
  const [idle, setIdle] = useState<number | string>("");
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.settings
      .get({})
      .then((settings) => {
        setIdle(settings["session.idleMinutes"]);
        setLoaded(true);
      })
      .catch(notifyError);
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (typeof idle !== "number") return setError(t("errors.required"));
    setBusy(true);
    setError(undefined);
    try {
      const saved = await api.settings.update({ "session.idleMinutes": idle });
      setIdle(saved["session.idleMinutes"]);
      // This desk follows at once; the others pick it up with their next heartbeat.
      setIdleMinutes(saved["session.idleMinutes"]);
      notifySuccess(t("settings.saved"));
    } catch (failure) {
      const fields = fieldErrorOf(failure);
      if (fields?.["session.idleMinutes"]) setError(fields["session.idleMinutes"]);
      else notifyError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder radius="md" p="lg" maw={560}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <NumberInput
            label={t("settings.idleMinutes")}
            description={t("settings.idleMinutesHint")}
            min={1}
            max={240}
            step={1}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="none"
            // The hint spans the card; only the box itself is narrow, sized for three digits.
            styles={{ wrapper: { maxWidth: 160 } }}
            disabled={!loaded}
            value={idle}
            onChange={(value) => {
              setIdle(value);
              setError(undefined);
            }}
            error={error}
          />
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
