import { TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isoToSwiss, swissToIso } from "./dates";

/**
 * A filter date typed the Swiss way (dd.mm.yyyy); the value is YYYY-MM-DD. The filter changes when
 * the field is left or Enter is pressed, so a half-typed date is never reported as wrong.
 */
export function DateFilterField({ label, value, onChange }: { label: string; value: string | null; onChange(iso: string | null): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(isoToSwiss(value));
  const [error, setError] = useState<string | undefined>();
  // Follows outside changes (clearing the filters, going back) without an effect.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setDraft(isoToSwiss(value));
    setError(undefined);
  }

  const commit = () => {
    if (draft.trim() === "") {
      setError(undefined);
      if (value) onChange(null);
      return;
    }
    const iso = swissToIso(draft);
    if (!iso) return setError(t("training.dates.invalid"));
    setError(undefined);
    setDraft(isoToSwiss(iso));
    if (iso !== value) onChange(iso);
  };

  return (
    <TextInput
      label={label}
      placeholder={t("training.dates.placeholder")}
      inputMode="numeric"
      autoComplete="off"
      w={130}
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
