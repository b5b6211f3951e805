import { Group, NativeSelect, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { FieldErrors } from "../../api/fieldErrors";
import { CompanyPicker, type CompanyRef } from "./CompanyPicker";
import type { FieldErrorsState } from "./useFieldErrors";
import { PERSON_LANGUAGES, SALUTATIONS, type PersonLanguage, type Salutation } from "../../../../common/enums";

export interface IdentityValues {
  salutation: Salutation | null;
  firstName: string;
  lastName: string;
  language: PersonLanguage;
}

/** Salutation, first and last name, correspondence language: the same four fields on create and edit. */
export function IdentityFields({ value, onChange, errors, autoFocus }: { value: IdentityValues; onChange(next: IdentityValues): void; errors: FieldErrors; autoFocus?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap="sm" align="flex-start" wrap="nowrap">
      <NativeSelect
        label={t("people.fields.salutation")}
        w={110}
        style={{ flex: "none" }}
        data={[{ value: "", label: t("people.salutations.none") }, ...SALUTATIONS.map((s) => ({ value: s, label: t(`people.salutations.${s}`) }))]}
        value={value.salutation ?? ""}
        onChange={(e) => onChange({ ...value, salutation: (e.currentTarget.value || null) as Salutation | null })}
        error={errors.salutation}
      />
      <TextInput
        label={t("people.fields.firstName")}
        style={{ flex: 1 }}
        data-autofocus={autoFocus || undefined}
        autoFocus={autoFocus}
        autoComplete="off"
        maxLength={100}
        value={value.firstName}
        onChange={(e) => onChange({ ...value, firstName: e.currentTarget.value })}
        error={errors.firstName}
      />
      <TextInput
        label={t("people.fields.lastName")}
        withAsterisk
        style={{ flex: 1 }}
        autoComplete="off"
        maxLength={100}
        value={value.lastName}
        onChange={(e) => onChange({ ...value, lastName: e.currentTarget.value })}
        error={errors.lastName}
      />
      <NativeSelect
        label={t("people.fields.language")}
        w={190}
        style={{ flex: "none" }}
        data={PERSON_LANGUAGES.map((l) => ({ value: l, label: t(`people.languages.${l}`) }))}
        value={value.language}
        onChange={(e) => onChange({ ...value, language: e.currentTarget.value as PersonLanguage })}
        error={errors.language}
      />
    </Group>
  );
}

/** The identity and, under it, the company: the person as created and as corrected. */
export function IdentityAndCompanyFields({
  identity,
  onIdentity,
  company,
  onCompany,
  form,
  autoFocus,
}: {
  identity: IdentityValues;
  onIdentity(next: IdentityValues): void;
  company: CompanyRef | null;
  onCompany(next: CompanyRef | null): void;
  /** The form's errors: each is cleared when its field changes. */
  form: FieldErrorsState;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <IdentityFields {...form.group(identity, onIdentity)} autoFocus={autoFocus} />
      <CompanyPicker
        label={t("people.fields.company")}
        value={company}
        onChange={(next) => {
          form.clear("companyId");
          onCompany(next);
        }}
        error={form.errors.companyId}
      />
    </>
  );
}
