import { Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { PersonTypeahead } from "../../../ui/Typeahead";

/** Alt+T away from a person card: find the caller first, the same way as the lookup box. */
export function PersonChooser({ onChoose }: { onChoose(personId: number): void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="lg" maw={640}>
      <Stack gap="sm">
        <Title order={3}>{t("training.form.choosePersonTitle")}</Title>
        <Text fz="sm" c="dimmed">
          {t("training.form.choosePersonText")}
        </Text>
        <PersonTypeahead
          label={t("training.form.person")}
          placeholder={t("training.form.personPlaceholder")}
          data-autofocus
          autoFocus
          value={null}
          onChange={(person) => person && onChoose(person.id)}
          nothingFoundMessage={t("training.nothingFound")}
        />
      </Stack>
    </Paper>
  );
}
