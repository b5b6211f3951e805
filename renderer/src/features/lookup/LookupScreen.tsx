import { Alert, Kbd, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { SearchIcon } from "../../app/icons";
import { useLookup } from "./LookupContext";

const EXAMPLES = [
  ["lookup.phone", "lookup.phoneSample"],
  ["lookup.name", "lookup.nameSample"],
  ["lookup.email", "lookup.emailSample"],
  ["lookup.company", "lookup.companySample"],
  ["lookup.reference", "lookup.referenceSample"],
] as const;

/** Until search arrives: what the box will accept, so agents learn it from the first day. */
export function LookupScreen() {
  const { t } = useTranslation();
  const { query } = useLookup();
  return (
    <Stack maw={760} mx="auto" pt="lg" gap="lg">
      <Stack align="center" gap={6} ta="center">
        <ThemeIcon size={52} radius={26} variant="light">
          <SearchIcon size={26} />
        </ThemeIcon>
        <Title order={1} fz="h2" mt={6}>
          {t("lookup.emptyTitle")}
        </Title>
        <Text c="dimmed">{t("lookup.emptyText")}</Text>
      </Stack>
      <Paper withBorder radius="md" p="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm" component="dl" m={0}>
          {EXAMPLES.map(([label, sample]) => (
            <div key={label}>
              <Text component="dt" fz="sm" fw={600}>
                {t(label)}
              </Text>
              <Text component="dd" fz="sm" c="dimmed" ff="monospace" m={0}>
                {t(sample)}
              </Text>
            </div>
          ))}
        </SimpleGrid>
      </Paper>
      <Text ta="center" fz="sm" c="dimmed">
        <Kbd size="xs">Ctrl</Kbd> + <Kbd size="xs">K</Kbd> {t("lookup.or")} <Kbd size="xs">F2</Kbd> {t("lookup.keys")}
      </Text>
      {/* Reserved height: the notice appears as soon as something is typed, without shifting the page. */}
      <div style={{ minHeight: 52 }} role="status">
        {query.trim() !== "" && (
          <Alert variant="light" color="jet">
            {t("lookup.notYet")}
          </Alert>
        )}
      </div>
    </Stack>
  );
}
