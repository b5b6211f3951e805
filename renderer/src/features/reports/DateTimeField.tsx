import { Button, Group, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { parseSwissDateTime } from "../../../../common/geneva-time";
import { dateTimeError } from "../../i18n/dateTimeProblem";
import { formatDateTime } from "../../i18n/zurichTime";

export interface DateTimePreset {
  label: string;
  at(): number;
}

/**
 * What a date-time field's text means: nothing, an instant, or not an accepted date-time (also a
 * time Geneva's clocks skip: dateTimeError says which, in the agent's language).
 */
export function readDateTime(text: string): number | null | "invalid" {
  if (!text.trim()) return null;
  return parseSwissDateTime(text) ?? "invalid";
}

/**
 * A Geneva date and time typed in Swiss format (dd.mm.yyyy hh:mm): a native picker would follow the
 * desk's locale and time zone instead. The text is the parent's; a wrong format is reported when
 * the field is left, never while typing. Presets fill in the usual answers in one click.
 */
export function DateTimeField({
  id,
  label,
  description,
  text,
  onTextChange,
  error,
  presets = [],
  disabled,
  w = 200,
}: {
  id?: string;
  label: string;
  description?: string;
  text: string;
  onTextChange(text: string): void;
  error?: string;
  presets?: readonly DateTimePreset[];
  disabled?: boolean;
  w?: number;
}) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(false);
  const problem = left ? dateTimeError(t, text) : undefined;

  return (
    <div>
      <TextInput
        id={id}
        label={label}
        description={description}
        placeholder={t("reports.dateTime.placeholder")}
        inputMode="numeric"
        autoComplete="off"
        // The hint may run wide; only the box is sized for a date and time.
        styles={{ wrapper: { maxWidth: w } }}
        disabled={disabled}
        value={text}
        onChange={(e) => {
          setLeft(false);
          onTextChange(e.currentTarget.value);
        }}
        onBlur={() => {
          setLeft(true);
          const at = readDateTime(text);
          // Tidy what was typed ("3.12.2026 9.5" → "03.12.2026 09:05") once it is understood.
          if (typeof at === "number" && formatDateTime(at) !== text) onTextChange(formatDateTime(at));
        }}
        error={error ?? problem}
      />
      {presets.length > 0 && (
        <Group gap={4} mt={4}>
          {presets.map((preset) => (
            <Button
              key={preset.label}
              size="compact-xs"
              variant="light"
              color="gray"
              disabled={disabled}
              onClick={() => {
                setLeft(false);
                onTextChange(formatDateTime(preset.at()));
              }}
            >
              {preset.label}
            </Button>
          ))}
        </Group>
      )}
    </div>
  );
}
