import { Badge, Checkbox, Group, NativeSelect, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useApiMutation } from "../../api/queries";
import { ContactListSection } from "../../ui/ContactListSection";
import { PHONE_KINDS, type PhoneKind } from "../../../../common/enums";
import { suggestedPhoneKind } from "../../../../common/phone";
import { PhoneNumberInput } from "./PhoneNumberInput";
import { formFieldErrors } from "./useFieldErrors";
import type { PersonCard, Phone } from "./types";

interface PhoneValues {
  number: string;
  kind: PhoneKind;
  isPrimary: boolean;
  /** The user picked the kind (or the number has one already): typing no longer changes it. */
  kindChosen: boolean;
}

/** All the person's numbers: kind, primary marker, and the corrections an agent makes mid-call. */
export function PhonesSection({ card, name }: { card: PersonCard; name: string }) {
  const { t } = useTranslation();
  const add = useApiMutation("phones.add");
  const update = useApiMutation("phones.update");
  const setPrimary = useApiMutation("phones.setPrimary");
  const remove = useApiMutation("phones.remove");

  return (
    <ContactListSection<Phone, PhoneValues>
      items={card.phones}
      texts={{
        title: t("people.card.phones"),
        empty: t("people.card.noPhones"),
        add: t("people.card.add"),
        addTitle: t("people.card.addPhone"),
        editTitle: t("people.card.editPhone"),
        primary: t("people.card.primary"),
        saved: t("people.card.saved"),
        removed: t("people.card.removed"),
        removeTitle: t("people.card.removePhoneTitle"),
        removeConfirm: t("people.card.remove"),
        removeText: (phone) => t("people.card.removePhoneText", { number: phone.display, name }),
        makePrimaryLabel: (phone) => t("people.card.primaryPhoneLabel", { number: phone.display }),
        editLabel: (phone) => t("people.card.editPhoneLabel", { number: phone.display }),
        removeLabel: (phone) => t("people.card.removePhoneLabel", { number: phone.display }),
      }}
      renderItem={(phone) => (
        <Group gap={8} wrap="nowrap">
          <Text fw={600} fz="sm" style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}>
            {phone.display}
          </Text>
          <Badge variant="light" color="gray" size="sm">
            {t(`people.phoneKinds.${phone.kind}`)}
          </Badge>
        </Group>
      )}
      initialValues={(phone) => ({ number: phone?.display ?? "", kind: phone?.kind ?? "mobile", isPrimary: false, kindChosen: !!phone })}
      validate={(value) => (value.number.trim() ? null : { number: t("people.form.required") })}
      save={(value, phone) =>
        phone
          ? update.mutateAsync({ id: phone.id, number: value.number, kind: value.kind })
          : add.mutateAsync({ personId: card.id, number: value.number, kind: value.kind, isPrimary: value.isPrimary || undefined })
      }
      fieldErrors={(error) => formFieldErrors(error, ["number"], t("people.form.invalidPhone"))}
      makePrimary={(phone) => setPrimary.mutateAsync({ id: phone.id })}
      remove={(phone) => remove.mutateAsync({ id: phone.id })}
      fields={({ value, onChange, errors, editing }) => (
        <>
          <Group grow align="flex-start">
            <PhoneNumberInput withAsterisk data-autofocus value={value.number} 
              onChange={(e) => {
                const number = e.currentTarget.value;
                // The kind follows the number's own type (022… a landline) until the user picks one.
                onChange({ ...value, number, kind: (!value.kindChosen && suggestedPhoneKind(number)) || value.kind });
              }}
              error={errors.number}
            />
            <NativeSelect
              label={t("people.fields.phoneKind")}
              data={PHONE_KINDS.map((k) => ({ value: k, label: t(`people.phoneKinds.${k}`) }))}
              value={value.kind}
              onChange={(e) => onChange({ ...value, kind: e.currentTarget.value as PhoneKind, kindChosen: true })}
              error={errors.kind}
            />
          </Group>
          {!editing && <Checkbox label={t("people.form.makePrimary")} checked={value.isPrimary} onChange={(e) => onChange({ ...value, isPrimary: e.currentTarget.checked })} />}
        </>
      )}
    />
  );
}
