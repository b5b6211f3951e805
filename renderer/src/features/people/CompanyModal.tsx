import { TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiMutation } from "../../api/queries";
import { FormDialog } from "../../ui/FormDialog";
import { useVersionAtOpen } from "../../ui/useVersionAtOpen";
import { notifySuccess } from "../../ui/toasts";
import { AddressFields, type AddressValues } from "./AddressFields";
import { formatPhone } from "../../../../common/phone";
import { PhoneNumberInput } from "./PhoneNumberInput";
import type { Company } from "./types";
import { formFieldErrors, settleRefusal, useFieldErrors } from "./useFieldErrors";

/** Edit a company against its version; a concurrent save is refused and the page read again. */
export function CompanyModal({ company, onClose, onSaved, onStale }: { company: Company; onClose(): void; onSaved(): void; onStale(): void }) {
  const versionAtOpen = useVersionAtOpen(company.version);
  const { t } = useTranslation();
  const update = useApiMutation("companies.update");
  const [name, setName] = useState(company.name);
  const [phone, setPhone] = useState(company.phone ? formatPhone(company.phone) : "");
  const [website, setWebsite] = useState(company.website ?? "");
  const [address, setAddress] = useState<AddressValues>({ street: company.street ?? "", postalCode: company.postalCode ?? "", city: company.city ?? "", country: company.country });
  const form = useFieldErrors();
  const { field, group } = form;

  async function submit() {
    if (!name.trim()) {
      form.setErrors({ name: t("people.form.required") });
      return;
    }
    const orNull = (s: string) => (s.trim() ? s : null);
    try {
      await update.mutateAsync({
        id: company.id,
        version: versionAtOpen,
        name,
        phone: orNull(phone),
        website: orNull(website),
        street: orNull(address.street),
        postalCode: orNull(address.postalCode),
        city: orNull(address.city),
        country: address.country || "CH",
      });
    } catch (error) {
      settleRefusal(error, formFieldErrors(error, ["phone"], t("people.form.invalidPhone")), form, onStale);
      return;
    }
    notifySuccess(t("people.company.saved"));
    onSaved();
  }

  return (
    <FormDialog title={t("people.company.editTitle", { name: company.name })} onClose={onClose} onSubmit={submit}>
      <TextInput label={t("people.fields.name")} withAsterisk data-autofocus maxLength={200} {...field("name", name, setName)} />
      <PhoneNumberInput {...field("phone", phone, setPhone)} />
      <AddressFields {...group(address, setAddress)} />
      <TextInput
        label={t("people.fields.website")}
        description={t("people.company.websiteHint")}
        inputWrapperOrder={["label", "input", "description", "error"]}
        type="url"
        autoComplete="off"
        spellCheck={false}
        maxLength={300}
        {...field("website", website, setWebsite)}
      />
    </FormDialog>
  );
}
