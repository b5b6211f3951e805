import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Api } from "../../api/contract";
import { api } from "../../api/client";
import { notifyError } from "../../app/toasts";

type Hit = Awaited<ReturnType<Api["people"]["search"]>>[number];
export interface PickedPerson {
  id: number;
  name: string;
}

function describe(hit: Hit): string {
  const name = [hit.lastName, hit.firstName].filter(Boolean).join(" ");
  return [name, hit.company, hit.city, hit.primaryPhone].filter(Boolean).join(" · ");
}

/**
 * Whose request it is, when the form was not opened from the person's card: the caller lookup's
 * own search (number, name, email, company), picked with ↑/↓ and Enter.
 */
export function PersonSearchField({ value, onChange, error }: { value: PickedPerson | null; onChange(person: PickedPerson | null): void; error?: string }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 200);
  const [hits, setHits] = useState<{ query: string; rows: Hit[] } | null>(null);

  useEffect(() => {
    const q = debounced.trim();
    if (q.length < 2 || (value && describeValue(value) === search)) return;
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
  }, [debounced, search, value]);

  const rows = search.trim().length >= 2 && hits ? hits.rows : [];
  const waiting = search.trim().length >= 2 && hits?.query !== search.trim();
  const options = rows.map((hit) => ({ value: String(hit.personId), label: describe(hit) }));
  // The chosen person stays an option, so the field keeps showing them after the results change.
  if (value && !options.some((o) => o.value === String(value.id))) options.unshift({ value: String(value.id), label: value.name });

  return (
    <Select
      label={t("privacy.form.person")}
      placeholder={t("privacy.form.personPlaceholder")}
      description={t("privacy.form.personHint")}
      required
      searchable
      data-autofocus
      searchValue={search}
      onSearchChange={setSearch}
      // The server already matched accents, spellings and numbers: show its hits as they are.
      filter={({ options: all }) => all}
      data={options}
      value={value ? String(value.id) : null}
      onChange={(id, option) => onChange(id ? { id: Number(id), name: option?.label ?? "" } : null)}
      nothingFoundMessage={search.trim().length < 2 ? t("privacy.form.typeMore") : waiting ? t("common.loading") : t("privacy.form.nobody")}
      maxDropdownHeight={300}
      comboboxProps={{ withinPortal: true }}
      error={error}
    />
  );
}

const describeValue = (person: PickedPerson) => person.name;
