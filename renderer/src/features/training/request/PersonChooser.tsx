import { Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { personName } from "../../../../../common/person-name";
import { fetchApi } from "../../../api/queries";
import { SearchSelect } from "../../../ui/SearchSelect";
import type { PersonHit } from "../trainingTypes";

const searchPeople = (q: string): Promise<PersonHit[]> => fetchApi("people.search", { q });

/** Ctrl+T away from a person card: find the caller first, the same way as the lookup box. */
export function PersonChooser({ onChoose }: { onChoose(personId: number): void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="lg" maw={640}>
      <Stack gap="sm">
        <Title order={3}>{t("training.form.choosePersonTitle")}</Title>
        <Text fz="sm" c="dimmed">
          {t("training.form.choosePersonText")}
        </Text>
        <SearchSelect<PersonHit>
          label={t("training.form.person")}
          placeholder={t("training.form.personPlaceholder")}
          data-autofocus
          autoFocus
          value={null}
          onChange={(hit) => hit && onChoose(hit.personId)}
          search={searchPeople}
          keyOf={(hit) => String(hit.personId)}
          labelOf={(hit) => personName(hit)}
          detailOf={(hit) => [hit.company, hit.city, hit.primaryPhone].filter(Boolean).join(" · ")}
          nothingFoundMessage={t("training.nothingFound")}
        />
      </Stack>
    </Paper>
  );
}
