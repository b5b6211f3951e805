import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api/client";
import { notifyError } from "../../../app/toasts";
import type { PersonHit } from "./managerToolTypes";

export interface PickedPerson {
  id: number;
  label: string;
}

function describe(hit: PersonHit): string {
  const name = [hit.lastName, hit.firstName].filter(Boolean).join(" ");
  return [name, hit.company, hit.city, hit.primaryPhone].filter(Boolean).join(" · ");
}

/**
 * An optional person, found with the caller lookup's search (number, name, email, company) and
 * picked with ↑/↓ and Enter; clearing the field means "no particular person".
 */
export function PersonSearchSelect({
  label,
  description,
  value,
  onChange,
  error,
}: {
  label: string;
  description?: string;
  value: PickedPerson | null;
  onChange(person: PickedPerson | null): void;
  error?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(value?.label ?? "");
  const [debounced] = useDebouncedValue(search, 200);
  const [hits, setHits] = useState<{ query: string; rows: PersonHit[] } | null>(null);

  useEffect(() => {
    const q = debounced.trim();
    // The picked person's own label is not a new search.
    if (q.length < 2 || q === value?.label) return;
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
  }, [debounced, value?.label]);

  const typed = search.trim();
  const options = typed.length >= 2 && hits ? hits.rows.map((hit) => ({ value: String(hit.personId), label: describe(hit) })) : [];
  if (value && !options.some((o) => o.value === String(value.id))) options.unshift({ value: String(value.id), label: value.label });
  const waiting = typed.length >= 2 && hits?.query !== typed && typed !== value?.label;

  return (
    <Select
      label={label}
      description={description}
      placeholder={t("privacyTools.disclosures.personPlaceholder")}
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already matched accents, spellings and numbers: show its hits as they are.
      filter={({ options: all }) => all}
      data={options}
      value={value ? String(value.id) : null}
      onChange={(picked, option) => onChange(picked && option ? { id: Number(picked), label: option.label } : null)}
      nothingFoundMessage={typed.length < 2 ? t("privacyTools.disclosures.personTypeMore") : waiting ? t("common.loading") : t("privacyTools.disclosures.personNone")}
      maxDropdownHeight={300}
      error={error}
    />
  );
}
