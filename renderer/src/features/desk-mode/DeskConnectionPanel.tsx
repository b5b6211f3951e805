import { Alert, Button, Code, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { DeskModeView } from "../../../../common/contract/desk";
import { queryClient, useApiQuery } from "../../api/queries";
import { useSession } from "../../api/session";
import { DeskModeChooser, FingerprintText } from "./DeskModeChooser";

/**
 * The administration tab where an administrator sees how this desk reaches its data and changes
 * it (a new server address, a renewed certificate, a desk joining the team). After a change the
 * desk starts again from its first screen on the new connection.
 */
export function DeskConnectionPanel() {
  const { t } = useTranslation();
  const { retry } = useSession();
  const mode = useApiQuery("desk.mode", {});
  const [changing, setChanging] = useState(false);

  const chosen = () => {
    // Nothing read from the previous database may show on the new one; the page starts again.
    queryClient.clear();
    retry();
  };

  if (mode.error?.code === "NOT_FOUND") {
    return <Text fz="sm">{t("desk.current.notADesk")}</Text>;
  }
  return (
    <Stack gap="md" maw={620}>
      <Paper withBorder p="md" radius="md">
        <Title order={2} fz="h4" mb={6}>
          {t("desk.current.title")}
        </Title>
        {mode.data && <CurrentMode mode={mode.data} />}
      </Paper>
      {changing ? (
        <Paper withBorder p="md" radius="md">
          <Stack gap="md">
            <Alert color="orange" variant="light" p="xs">
              {t("desk.current.warning")}
            </Alert>
            <DeskModeChooser onChosen={chosen} initial={mode.data?.mode === "local" ? "team" : "local"} />
            <Group>
              <Button variant="default" onClick={() => setChanging(false)}>
                {t("desk.current.cancel")}
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : (
        <Group>
          <Button variant="default" onClick={() => setChanging(true)} disabled={!mode.data}>
            {t("desk.current.change")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function CurrentMode({ mode }: { mode: DeskModeView }) {
  const { t } = useTranslation();
  if (mode.mode !== "team") return <Text fz="sm">{t("desk.current.local")}</Text>;
  return (
    <Stack gap={4}>
      <Text fz="sm">{t("desk.current.team", { url: mode.url })}</Text>
      {mode.trust === "fingerprint" ? (
        <Text fz="xs">
          {t("desk.current.pinned", { fingerprint: "" })}
          <Code fz="xs">
            <FingerprintText fingerprint={mode.fingerprint} />
          </Code>
        </Text>
      ) : (
        <Text fz="xs">{t("desk.current.ca", { subject: mode.caSubject })}</Text>
      )}
    </Stack>
  );
}
