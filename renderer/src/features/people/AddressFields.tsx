import { Group, Stack, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "../../api/fieldErrors";

export interface AddressValues {
  street: string;
  postalCode: string;
  city: string;
  country: string;
}

export const EMPTY_ADDRESS: AddressValues = { street: "", postalCode: "", city: "", country: "CH" };

export function hasAddress(a: AddressValues): boolean {
  return Boolean(a.street.trim() || a.postalCode.trim() || a.city.trim());
}

/** "Rue de Lausanne 63, 1202 Genève" (the country only when it is not Switzerland). */
export function addressLine(a: { street: string; postalCode: string; city: string; country: string }): string {
  return [a.street, [a.postalCode, a.city].filter(Boolean).join(" "), a.country !== "CH" ? a.country : ""].filter(Boolean).join(", ");
}

/** Street, postcode, town, country (CH unless changed); errors keyed street/postalCode/city/country. */
export function AddressFields({ value, onChange, errors, autoFocus }: { value: AddressValues; onChange(next: AddressValues): void; errors: FieldErrors; autoFocus?: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <TextInput
        label={t("people.fields.street")}
        data-autofocus={autoFocus || undefined}
        autoComplete="off"
        maxLength={200}
        value={value.street}
        onChange={(e) => onChange({ ...value, street: e.currentTarget.value })}
        error={errors.street}
      />
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <TextInput
          label={t("people.fields.postalCode")}
          w={110}
          autoComplete="off"
          maxLength={12}
          value={value.postalCode}
          onChange={(e) => onChange({ ...value, postalCode: e.currentTarget.value })}
          error={errors.postalCode}
        />
        <TextInput
          label={t("people.fields.city")}
          style={{ flex: 1 }}
          autoComplete="off"
          maxLength={100}
          value={value.city}
          onChange={(e) => onChange({ ...value, city: e.currentTarget.value })}
          error={errors.city}
        />
        <TextInput
          label={t("people.fields.country")}
          w={90}
          autoComplete="off"
          maxLength={2}
          title={t("people.form.countryHint")}
          value={value.country}
          onChange={(e) => onChange({ ...value, country: e.currentTarget.value.toUpperCase() })}
          error={errors.country}
        />
      </Group>
    </Stack>
  );
}
