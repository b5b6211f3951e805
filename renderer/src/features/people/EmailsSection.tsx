import { Checkbox, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useApiMutation } from "../../api/queries";
import { ContactListSection } from "../../ui/ContactListSection";
import type { Email, PersonCard } from "./types";
import { UserText } from "../../ui/UserText";

interface EmailValues {
  email: string;
  isPrimary: boolean;
}

/** The person's email addresses; a typo is corrected in place (the history keeps both spellings). */
export function EmailsSection({ card, name }: { card: PersonCard; name: string }) {
  const { t } = useTranslation();
  const add = useApiMutation("emails.add");
  const update = useApiMutation("emails.update");
  const setPrimary = useApiMutation("emails.setPrimary");
  const remove = useApiMutation("emails.remove");

  return (
    <ContactListSection<Email, EmailValues>
      items={card.emails}
      texts={{
        title: t("people.card.emails"),
        empty: t("people.card.noEmails"),
        add: t("people.card.add"),
        addTitle: t("people.card.addEmail"),
        editTitle: t("people.card.editEmail"),
        primary: t("people.card.primary"),
        saved: t("people.card.saved"),
        removed: t("people.card.removed"),
        removeTitle: t("people.card.removeEmailTitle"),
        removeConfirm: t("people.card.remove"),
        removeText: (email) => t("people.card.removeEmailText", { email: email.email, name }),
        makePrimaryLabel: (email) => t("people.card.primaryEmailLabel", { email: email.email }),
        editLabel: (email) => t("people.card.editEmailLabel", { email: email.email }),
        removeLabel: (email) => t("people.card.removeEmailLabel", { email: email.email }),
      }}
      renderItem={(email) => (
        <Text fz="sm" fw={500} truncate="end" title={email.email}>
          <UserText>{email.email}</UserText>
        </Text>
      )}
      initialValues={(email) => ({ email: email?.email ?? "", isPrimary: false })}
      validate={(value) => (value.email.trim() ? null : { email: t("people.form.required") })}
      save={(value, email) =>
        email ? update.mutateAsync({ id: email.id, email: value.email }) : add.mutateAsync({ personId: card.id, email: value.email, isPrimary: value.isPrimary || undefined })
      }
      makePrimary={(email) => setPrimary.mutateAsync({ id: email.id })}
      remove={(email) => remove.mutateAsync({ id: email.id })}
      fields={({ value, onChange, errors, editing }) => (
        <>
          <TextInput
            label={t("people.fields.email")}
            type="email"
            withAsterisk
            data-autofocus
            autoComplete="off"
            spellCheck={false}
            value={value.email}
            onChange={(e) => onChange({ ...value, email: e.currentTarget.value })}
            error={errors.email}
          />
          {!editing && <Checkbox label={t("people.form.makePrimaryEmail")} checked={value.isPrimary} onChange={(e) => onChange({ ...value, isPrimary: e.currentTarget.checked })} />}
        </>
      )}
    />
  );
}
