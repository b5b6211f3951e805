import { Button, Group, Modal, Stack, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useApiMutation } from "../../api/queries";
import { notifyError, notifySuccess } from "../../ui/toasts";
import { AddressFields, type AddressValues } from "./AddressFields";
import { formatPhone } from "../../../../common/phone";
import { PhoneNumberInput } from "./PhoneNumberInput";
import type { Company } from "./types";
import { formFieldErrors, useFieldErrors } from "./useFieldErrors";

/** Edit a company against its version; a concurrent save is refused and the page read again. */
export function CompanyModal({ company, onClose, onSaved, onStale }: { company: Company; onClose(): void; onSaved(): void; onStale(): void }) {
  const { t } = useTranslation();
  const update = useApiMutation("companies.update");
  const [name, setName] = useState(company.name);
  const [phone, setPhone] = useState(company.phone ? formatPhone(company.phone) : "");
  const [website, setWebsite] = useState(company.website ?? "");
  const [address, setAddress] = useState<AddressValues>({ street: company.street ?? "", postalCode: company.postalCode ?? "", city: company.city ?? "", country: company.country });
  const { errors, setErrors, clear, clearChanged } = useFieldErrors();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setErrors({ name: t("people.form.required") });
      return;
    }
    setBusy(true);
    const orNull = (s: string) => (s.trim() ? s : null);
    try {
      await update.mutateAsync({
        id: company.id,
        version: company.version,
        name,
        phone: orNull(phone),
        website: orNull(website),
        street: orNull(address.street),
        postalCode: orNull(address.postalCode),
        city: orNull(address.city),
        country: address.country || "CH",
      });
      notifySuccess(t("people.company.saved"));
      onSaved();
    } catch (error) {
      const fields = formFieldErrors(error, ["phone"], t("people.form.invalidPhone"));
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
    <Modal opened onClose={onClose} title={t("people.company.editTitle", { name: company.name })} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput label={t("people.fields.name")} withAsterisk data-autofocus maxLength={200} value={name} onChange={(e) => {
              clear("name");
              setName(e.currentTarget.value);
            }} error={errors.name} />
          <PhoneNumberInput
            value={phone}
            onChange={(next) => {
              clear("phone");
              setPhone(next);
            }}
            error={errors.phone}
          />
          <AddressFields
            value={address}
            onChange={(next) => {
              clearChanged(address, next);
              setAddress(next);
            }}
            errors={errors}
          />
          <TextInput
            label={t("people.fields.website")}
            description={t("people.company.websiteHint")}
            inputWrapperOrder={["label", "input", "description", "error"]}
            type="url"
            autoComplete="off"
            spellCheck={false}
            maxLength={300}
            value={website}
            onChange={(e) => {
              clear("website");
              setWebsite(e.currentTarget.value);
            }}
            error={errors.website}
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
