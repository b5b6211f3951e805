import { CloseButton, Combobox, InputBase, Loader, Text, useCombobox } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { TYPING_PAUSE_MS, useApiMutation, useApiQuery } from "../../api/queries";
import { notifyError, notifySuccess } from "../../ui/toasts";

export interface CompanyRef {
  id: number;
  name: string;
}

const CREATE = "$create";

/**
 * Company typeahead (companies.search, names starting with what is typed). When the company is not
 * there yet, the last option creates it on the spot, so the call never has to wait for a form.
 */
export function CompanyPicker({ value, onChange, error, label }: { value: CompanyRef | null; onChange(next: CompanyRef | null): void; error?: string; label: string }) {
  const { t } = useTranslation();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [search, setSearch] = useState(value?.name ?? "");
  const createCompany = useApiMutation("companies.create");
  const [creating, setCreating] = useState(false);
  const typed = search.trim();
  const open = combobox.dropdownOpened;
  const [settled] = useDebouncedValue(typed, TYPING_PAUSE_MS);
  const found = useApiQuery("companies.search", { q: settled }, { enabled: open });

  async function create(name: string) {
    setCreating(true);
    try {
      const company = await createCompany.mutateAsync({ name });
      onChange({ id: company.id, name: company.name });
      setSearch(company.name);
      notifySuccess(t("people.company.created", { name: company.name }));
    } catch (err) {
      notifyError(err);
    } finally {
      setCreating(false);
    }
  }

  // Only the answer to the text in the box is offered: nothing is picked from an older answer.
  const answered = open && settled === typed && found.data !== undefined;
  const rows = answered ? found.data : [];
  const exact = rows.some((r) => r.name.toLocaleLowerCase() === typed.toLocaleLowerCase());

  return (
    <Combobox
      store={combobox}
      onOptionSubmit={(picked) => {
        combobox.closeDropdown();
        if (picked === CREATE) {
          void create(typed);
          return;
        }
        const company = rows.find((r) => String(r.id) === picked);
        if (company) {
          onChange({ id: company.id, name: company.name });
          setSearch(company.name);
        }
      }}
    >
      <Combobox.Target withExpandedAttribute>
        <InputBase
          label={label}
          placeholder={t("people.company.placeholder")}
          autoComplete="off"
          maxLength={200}
          value={search}
          error={error}
          onChange={(event) => {
            combobox.openDropdown();
            combobox.updateSelectedOptionIndex();
            setSearch(event.currentTarget.value);
          }}
          onClick={() => combobox.openDropdown()}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => {
            combobox.closeDropdown();
            setSearch(value?.name ?? "");
          }}
          rightSection={
            creating ? (
              <Loader size={14} />
            ) : value ? (
              <CloseButton
                size="sm"
                aria-label={t("people.company.clear")}
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => {
                  onChange(null);
                  setSearch("");
                }}
              />
            ) : (
              <Combobox.Chevron />
            )
          }
          rightSectionPointerEvents={value && !creating ? "all" : "none"}
        />
      </Combobox.Target>
      <Combobox.Dropdown>
        <Combobox.Options mah={260} style={{ overflowY: "auto" }}>
          {rows.map((company) => (
            <Combobox.Option value={String(company.id)} key={company.id} active={company.id === value?.id}>
              <Text fz="sm" span>
                {company.name}
              </Text>
              {company.city && (
                <Text span fz="xs" c="dimmed" ml={6}>
                  {company.city}
                </Text>
              )}
            </Combobox.Option>
          ))}
          {answered && rows.length === 0 && typed !== "" && <Combobox.Empty>{t("people.company.nothingFound", { q: typed })}</Combobox.Empty>}
          {answered && typed !== "" && !exact && (
            <Combobox.Option value={CREATE}>
              <Text fz="sm" fw={600} c="jet.7" span>
                + {t("people.company.create", { name: typed })}
              </Text>
            </Combobox.Option>
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
