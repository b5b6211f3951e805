import { Group, Select, Text, type SelectProps } from "@mantine/core";
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { notifyError } from "./toasts";

interface SearchSelectProps<T> extends Omit<SelectProps, "value" | "onChange" | "data" | "searchValue" | "onSearchChange" | "filter"> {
  value: T | null;
  onChange(next: T | null): void;
  /** Asked on each pause in typing (and once on opening with an empty query). */
  search(query: string): Promise<T[]>;
  keyOf(item: T): string;
  labelOf(item: T): string;
  /** A second, dimmed line under each option (company, city, number…). */
  detailOf?(item: T): ReactNode;
}

/**
 * A typeahead over a server search: the server filters and orders, the field only shows what it
 * answered (plus the current choice, so its label stays visible).
 */
export function SearchSelect<T>({ value, onChange, search, keyOf, labelOf, detailOf, ...props }: SearchSelectProps<T>) {
  const [query, setQuery] = useState(value ? labelOf(value) : "");
  const [hits, setHits] = useState<T[]>([]);
  const [opened, setOpened] = useState(false);
  // Follows outside changes of the choice (filters cleared, form reset) without an effect.
  const chosenKey = value ? keyOf(value) : null;
  const [shownKey, setShownKey] = useState(chosenKey);
  if (shownKey !== chosenKey) {
    setShownKey(chosenKey);
    setQuery(value ? labelOf(value) : "");
  }
  const searchRef = useRef(search);
  useEffect(() => {
    searchRef.current = search;
  }, [search]);

  // Typing the chosen item's own label is not a new search.
  const term = value && query === labelOf(value) ? "" : query;
  useEffect(() => {
    if (!opened) return;
    let current = true;
    const timer = setTimeout(() => {
      searchRef.current(term.trim())
        .then((found) => {
          if (current) setHits(found);
        })
        .catch(notifyError);
    }, 180);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [term, opened]);

  const byKey = useMemo(() => {
    const map = new Map<string, T>();
    for (const item of hits) map.set(keyOf(item), item);
    if (value) map.set(keyOf(value), value);
    return map;
  }, [hits, value, keyOf]);

  return (
    <Select
      {...props}
      searchable
      data={[...byKey.entries()].map(([key, item]) => ({ value: key, label: labelOf(item) }))}
      value={value ? keyOf(value) : null}
      searchValue={query}
      onSearchChange={setQuery}
      onDropdownOpen={() => setOpened(true)}
      onDropdownClose={() => setOpened(false)}
      filter={({ options }) => options}
      onChange={(key) => onChange(key === null ? null : (byKey.get(key) ?? null))}
      renderOption={
        detailOf
          ? ({ option }) => {
              const item = byKey.get(option.value);
              return (
                <Group gap={0} wrap="nowrap" style={{ flexDirection: "column", alignItems: "flex-start" }}>
                  <Text fz="sm">{option.label}</Text>
                  {item && (
                    <Text fz="xs" c="dimmed">
                      {detailOf(item)}
                    </Text>
                  )}
                </Group>
              );
            }
          : undefined
      }
    />
  );
}
