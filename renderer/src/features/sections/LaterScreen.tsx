import { Badge, Paper, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Section } from "../../app/sections";

type LaterSection = Exclude<Section["key"], "lookup" | "admin">;

/** An honest placeholder: the section exists in the plan, not yet in this version. */
export function LaterScreen({ section }: { section: Section & { key: LaterSection } }) {
  const { t } = useTranslation();
  const Icon = section.icon;
  return (
    <Stack maw={640} mx="auto" pt="xl">
      <Paper withBorder radius="md" p="xl">
        <Stack align="center" ta="center" gap="sm">
          <ThemeIcon size={52} radius={26} variant="light" color="gray">
            <Icon size={26} />
          </ThemeIcon>
          <Title order={1} fz="h2">
            {t(`nav.${section.key}`)}
          </Title>
          <Badge variant="light" color="gray" size="md">
            {t("sections.later")}
          </Badge>
          <Text c="dimmed" fz="sm" maw={460}>
            {t(`sections.${section.key}`)}
          </Text>
        </Stack>
      </Paper>
    </Stack>
  );
}
