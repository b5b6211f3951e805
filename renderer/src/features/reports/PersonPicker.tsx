import { Paper, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { PersonTypeahead } from "../../ui/Typeahead";

/**
 * Who is reporting, when the form was not opened from a person's card: the same search as the
 * caller lookup (number, name, email, company), picked with ↑/↓ and Enter.
 */
export function PersonPicker({ onPick }: { onPick(personId: number): void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="lg" maw={720}>
      <Stack gap="xs">
        <PersonTypeahead
          label={t("reports.picker.label")}
          description={t("reports.picker.hint")}
          placeholder={t("reports.picker.placeholder")}
          autoFocus
          value={null}
          onChange={(person) => person && onPick(person.id)}
          nothingFoundMessage={t("reports.picker.none")}
          maxDropdownHeight={360}
        />
        <Text fz="xs" c="dimmed">
          {t("reports.picker.fromCard")}
        </Text>
      </Stack>
    </Paper>
  );
}
