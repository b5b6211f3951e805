import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiMutation } from "../../api/queries";
import { fieldErrorOf } from "../../api/fieldErrors";
import { FormDialog } from "../../ui/FormDialog";
import { useVersionAtOpen } from "../../ui/useVersionAtOpen";
import { notifySuccess } from "../../ui/toasts";
import type { CompanyRef } from "./CompanyPicker";
import { IdentityAndCompanyFields, type IdentityValues } from "./IdentityFields";
import type { PersonCard } from "./types";
import { settleRefusal, useFieldErrors } from "./useFieldErrors";

/**
 * Correct the identity and the company. Saved against the card's version: if someone else saved
 * meanwhile, the server refuses (CONFLICT), the toast says so and the card is read again.
 */
export function IdentityModal({ card, name, onClose, onSaved, onStale }: { card: PersonCard; name: string; onClose(): void; onSaved(): void; onStale(): void }) {
  const versionAtOpen = useVersionAtOpen(card.version);
  const { t } = useTranslation();
  const update = useApiMutation("people.update");
  const [identity, setIdentity] = useState<IdentityValues>({ salutation: card.salutation, firstName: card.firstName, lastName: card.lastName, language: card.language });
  const [company, setCompany] = useState<CompanyRef | null>(card.company);
  const form = useFieldErrors();

  async function submit() {
    if (!identity.lastName.trim()) {
      form.setErrors({ lastName: t("people.form.required") });
      return;
    }
    try {
      await update.mutateAsync({ id: card.id, version: versionAtOpen, ...identity, companyId: company?.id ?? null });
    } catch (error) {
      settleRefusal(error, fieldErrorOf(error), form, onStale);
      return;
    }
    onSaved();
    notifySuccess(t("people.card.identitySaved"));
  }

  return (
    <FormDialog title={t("people.card.editIdentityTitle", { name })} size="xl" onClose={onClose} onSubmit={submit}>
      <IdentityAndCompanyFields identity={identity} onIdentity={setIdentity} company={company} onCompany={setCompany} form={form} autoFocus />
    </FormDialog>
  );
}
