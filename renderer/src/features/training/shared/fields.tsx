import { NativeSelect, NumberInput, type NumberInputProps } from "@mantine/core";
import type { CSSProperties, ReactNode } from "react";

/**
 * A whole number of things, at least one (days, seats, participants). Out-of-range values stay as
 * typed, so the error says what is wrong instead of the field changing them silently.
 */
export function CountField({ max, ...props }: Omit<NumberInputProps, "min" | "allowDecimal" | "allowNegative" | "clampBehavior" | "withAsterisk"> & { max: number }) {
  return <NumberInput {...props} withAsterisk min={1} max={max} allowDecimal={false} allowNegative={false} clampBehavior="none" />;
}

/** One value of a closed list, each named in the interface language. */
export function ChoiceField<V extends string>({
  values,
  labelOf,
  value,
  onChange,
  ...props
}: {
  label: ReactNode;
  values: readonly V[];
  labelOf(value: V): string;
  value: V;
  onChange(value: V): void;
  error?: ReactNode;
  description?: ReactNode;
  w?: number;
  style?: CSSProperties;
}) {
  return <NativeSelect {...props} data={values.map((v) => ({ value: v, label: labelOf(v) }))} value={value} onChange={(e) => onChange(e.currentTarget.value as V)} />;
}
