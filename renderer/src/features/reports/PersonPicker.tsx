import { Paper, Select, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { notifyError } from "../../app/toasts";
import type { PersonHit } from "./reportTypes";

function describe(hit: PersonHit): string {
  const name = [hit.lastName, hit.firstName].filter(Boolean).join(" ");
  return [name, hit.company, hit.city, hit.primaryPhone].filter(Boolean).join(" · ");
}

/**
 * Who is reporting, when the form was not opened from a person's card: the same search as the
 * caller lookup (number, name, email, company), picked with ↑/↓ and Enter.
 */
export function PersonPicker({ onPick }: { onPick(personId: number): void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 200);
  const [hits, setHits] = useState<{ query: string; rows: PersonHit[] } | null>(null);

  useEffect(() => {
    const q = debounced.trim();
    if (q.length < 2) return;
    let current = true;
    api.people
      .search({ q })
      .then((rows) => {
        if (current) setHits({ query: q, rows });
      })
      .catch(notifyError);
    return () => {
      current = false;
    };
  }, [debounced]);

  const rows = search.trim().length >= 2 && hits ? hits.rows : [];
  const waiting = search.trim().length >= 2 && hits?.query !== search.trim();

  return (
    <Paper withBorder radius="md" p="lg" maw={720}>
      <Stack gap="xs">
        <Select
          label={t("reports.picker.label")}
          description={t("reports.picker.hint")}
          placeholder={t("reports.picker.placeholder")}
          searchable
          autoFocus
          searchValue={search}
          onSearchChange={setSearch}
          // The server already matched accents, spellings and numbers: show its hits as they are.
          filter={({ options }) => options}
          data={rows.map((hit) => ({ value: String(hit.personId), label: describe(hit) }))}
          value={null}
          onChange={(value) => {
            if (value) onPick(Number(value));
          }}
          nothingFoundMessage={search.trim().length < 2 ? t("reports.picker.typeMore") : waiting ? t("common.loading") : t("reports.picker.none")}
          maxDropdownHeight={360}
        />
        <Text fz="xs" c="dimmed">
          {t("reports.picker.fromCard")}
        </Text>
      </Stack>
    </Paper>
  );
}
