import { TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { parseSwissDate, type CalendarDay } from "../../../i18n/zurichTime";

function formatDay(day: CalendarDay | null): string {
  if (!day) return "";
  return `${String(day.day).padStart(2, "0")}.${String(day.month).padStart(2, "0")}.${day.year}`;
}

/**
 * A Swiss date typed as dd.mm.yyyy (a native date picker would show the desk's locale instead).
 * The filter changes when the field is left or Enter is pressed, not on every keystroke, so a
 * half-typed date is never reported as wrong.
 */
export function DateFilterInput({ label, value, onChange }: { label: string; value: CalendarDay | null; onChange(day: CalendarDay | null): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(formatDay(value));
  const [error, setError] = useState<string | undefined>();
  // Follows outside resets (the "clear filters" button) without an effect.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setDraft(formatDay(value));
    setError(undefined);
  }

  const commit = () => {
    if (draft.trim() === "") {
      setError(undefined);
      if (value) onChange(null);
      return;
    }
    const day = parseSwissDate(draft);
    if (!day) return setError(t("audit.invalidDate"));
    setError(undefined);
    setDraft(formatDay(day));
    if (formatDay(day) !== formatDay(value)) onChange(day);
  };

  return (
    <TextInput
      label={label}
      placeholder={t("audit.datePlaceholder")}
      inputMode="numeric"
      autoComplete="off"
      w={140}
      value={draft}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === "Enter") {
          e.preventDefault();
          commit();
        }
      }}
      error={error}
    />
  );
}
