import { Button, Group, Modal, Stack } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useApiMutation } from "../../api/queries";
import { fieldErrorOf } from "../../api/fieldErrors";
import { notifyError, notifySuccess } from "../../ui/toasts";
import { CompanyPicker, type CompanyRef } from "./CompanyPicker";
import { IdentityFields, type IdentityValues } from "./IdentityFields";
import type { PersonCard } from "./types";
import { useFieldErrors } from "./useFieldErrors";

/**
 * Correct the identity and the company. Saved against the card's version: if someone else saved
 * meanwhile, the server refuses (CONFLICT), the toast says so and the card is read again.
 */
export function IdentityModal({ card, name, onClose, onSaved, onStale }: { card: PersonCard; name: string; onClose(): void; onSaved(): void; onStale(): void }) {
  const { t } = useTranslation();
  const update = useApiMutation("people.update");
  const [identity, setIdentity] = useState<IdentityValues>({ salutation: card.salutation, firstName: card.firstName, lastName: card.lastName, language: card.language });
  const [company, setCompany] = useState<CompanyRef | null>(card.company);
  const { errors, setErrors, clear, clearChanged } = useFieldErrors();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!identity.lastName.trim()) {
      setErrors({ lastName: t("people.form.required") });
      return;
    }
    setBusy(true);
    try {
      await update.mutateAsync({ id: card.id, version: card.version, ...identity, companyId: company?.id ?? null });
      onSaved();
      notifySuccess(t("people.card.identitySaved"));
    } catch (error) {
      const fields = fieldErrorOf(error);
      if (fields && !("version" in fields)) {
        setErrors(fields);
        setBusy(false);
        return;
      }
      notifyError(error);
      if (fields) onStale();
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={t("people.card.editIdentityTitle", { name })} size="xl">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <IdentityFields
            value={identity}
            onChange={(next) => {
              clearChanged(identity, next);
              setIdentity(next);
            }}
            errors={errors}
            autoFocus
          />
          <CompanyPicker
            label={t("people.fields.company")}
            value={company}
            onChange={(next) => {
              clear("companyId");
              setCompany(next);
            }}
            error={errors.companyId}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy}>
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
