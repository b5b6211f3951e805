import { Alert, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { chooseLanguageBeforeSignIn } from "../../api/session";
import { LanguageSwitch } from "../../i18n/LanguageSwitch";
import { BrandMark } from "../../ui/BrandMark";
import { DeskModeChooser } from "./DeskModeChooser";

/**
 * A desk's first start (no desk-mode.json yet): where its data is, before anything else — a local
 * database is only created once chosen, and a team desk never creates one.
 */
export function DeskModeScreen({ unreadable, onChosen }: { unreadable: boolean; onChosen: () => void }) {
  const { t } = useTranslation();
  return (
    <main style={{ minHeight: "100%", display: "grid", placeItems: "center", padding: "48px 16px" }}>
      <Stack gap="md" w="100%" maw={520}>
        <Group justify="space-between" align="center">
          <BrandMark withCompany />
          <LanguageSwitch onChange={chooseLanguageBeforeSignIn} />
        </Group>
        <Paper withBorder shadow="xs" radius="md" p="xl">
          <Stack gap="lg">
            <div>
              <Title order={1} fz="h2">
                {t("desk.firstStart.title")}
              </Title>
              <Text c="dimmed" fz="sm" mt={6}>
                {t("desk.firstStart.intro")}
              </Text>
            </div>
            {unreadable && (
              <Alert color="orange" variant="light" p="xs">
                {t("desk.firstStart.unreadable")}
              </Alert>
            )}
            <DeskModeChooser onChosen={onChosen} />
          </Stack>
        </Paper>
      </Stack>
    </main>
  );
}
