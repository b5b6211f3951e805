import { TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { MAX_YEAR, MIN_YEAR } from "../../../common/date-range";
import { isoDay, isoToSwiss, readSwissDate } from "../../../common/geneva-time";

/**
 * A filter date typed the Swiss way (dd.mm.yyyy; a native date picker would show the desk's locale
 * instead); the value is YYYY-MM-DD. The filter changes when the field is left or Enter is pressed,
 * not on every keystroke, so a half-typed date is never reported as wrong.
 */
export function DateFilterInput({
  label,
  value,
  onChange,
  w = 130,
}: {
  label: string;
  value: string | null;
  onChange(iso: string | null): void;
  w?: number;
}) {
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
    const reading = readSwissDate(draft);
    if (!reading.ok) return setError(reading.problem === "range" ? t("common.date.range", { min: MIN_YEAR, max: MAX_YEAR }) : t("common.date.invalid"));
    const iso = isoDay(reading.day);
    setError(undefined);
    setDraft(isoToSwiss(iso));
    if (iso !== value) onChange(iso);
  };

  return (
    <TextInput
      label={label}
      placeholder={t("common.date.placeholder")}
      inputMode="numeric"
      autoComplete="off"
      w={w}
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
