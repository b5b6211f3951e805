import { Button, Grid, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMemo, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { TYPING_PAUSE_MS, useApiMutation, useApiQuery } from "../../api/queries";
import type { FieldErrors } from "../../api/fieldErrors";
import { PageHeader } from "../../ui/PageHeader";
import { notifyError, notifySuccess } from "../../ui/toasts";
import { AddressFields, EMPTY_ADDRESS, hasAddress, type AddressValues } from "./AddressFields";
import type { CompanyRef } from "./CompanyPicker";
import { DuplicateList } from "./DuplicateList";
import { IdentityAndCompanyFields, type IdentityValues } from "./IdentityFields";
import { looksLikeEmail, suggestedPhoneKind, toE164 } from "../../../../common/phone";
import { PhoneNumberInput } from "./PhoneNumberInput";
import { formFieldErrors, useFieldErrors } from "./useFieldErrors";
import { PHONE_KINDS, type PhoneKind } from "../../../../common/enums";
import { personName } from "../../../../common/person-name";
import type { DuplicateCandidate, DuplicateProbe } from "./types";

/** The server names fields by their path in the request; the form by what the agent sees. */
const FORM_FIELD: Record<string, string> = {
  "phones.0.number": "phone",
  "phones.0.kind": "phoneKind",
  "emails.0.email": "email",
  "addresses.0.street": "street",
  "addresses.0.postalCode": "postalCode",
  "addresses.0.city": "city",
  "addresses.0.country": "country",
};

function toFormErrors(fields: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(fields).map(([key, message]) => [FORM_FIELD[key] ?? key, message]));
}

/**
 * A new caller: identity, one phone, one email, one address, optionally the company. Likely
 * duplicates are looked up while the form is filled, so the agent can open the existing card instead.
 */
export function NewPersonScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [identity, setIdentity] = useState<IdentityValues>({ salutation: null, firstName: "", lastName: "", language: "fr" });
  const [company, setCompany] = useState<CompanyRef | null>(null);
  const [phone, setPhone] = useState(params.get("phone") ?? "");
  // The kind follows the number's own type (022… a landline) until the user picks one.
  const [phoneKind, setPhoneKind] = useState<PhoneKind>(() => suggestedPhoneKind(params.get("phone") ?? "") ?? "mobile");
  const [kindChosen, setKindChosen] = useState(false);
  const changePhone = (next: string) => {
    setPhone(next);
    const suggested = kindChosen ? null : suggestedPhoneKind(next);
    if (suggested) setPhoneKind(suggested);
  };
  const [email, setEmail] = useState(params.get("email") ?? "");
  const [address, setAddress] = useState<AddressValues>(EMPTY_ADDRESS);
  const form = useFieldErrors();
  const { errors, setErrors, clear, field, group } = form;
  const create = useApiMutation("people.create");
  const [busy, setBusy] = useState(false);
  const e164 = toE164(phone);
  const duplicates = useDuplicateProbe({ e164, email, identity, postalCode: address.postalCode });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing: FieldErrors = {};
    if (!identity.lastName.trim()) missing.lastName = t("people.form.required");
    if (hasAddress(address) && !address.city.trim()) missing.city = t("people.form.cityRequired");
    setErrors(missing);
    if (Object.keys(missing).length) return;
    setBusy(true);
    try {
      const created = await create.mutateAsync({
        ...identity,
        companyId: company?.id ?? null,
        ...(phone.trim() ? { phones: [{ number: phone, kind: phoneKind, isPrimary: true }] } : {}),
        ...(email.trim() ? { emails: [{ email, isPrimary: true }] } : {}),
        ...(hasAddress(address) ? { addresses: [address] } : {}),
      });
      notifySuccess(created.duplicates.length ? t("people.newPerson.createdWithDuplicates") : t("people.newPerson.created", { name: personName(created) }));
      void navigate(`/people/${created.id}`, { replace: true });
    } catch (error) {
      const fields = formFieldErrors(error, ["phones.0.number"], t("people.form.invalidPhone"));
      if (fields) setErrors(toFormErrors(fields));
      else notifyError(error);
      setBusy(false);
    }
  }

  return (
    <>
      <PageHeader title={t("people.newPerson.title")} subtitle={t("people.newPerson.subtitle")} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Paper withBorder radius="md" p="md">
            <form onSubmit={submit} noValidate aria-label={t("people.newPerson.title")}>
              <Stack gap="lg">
                <FormBlock title={t("people.newPerson.identity")}>
                  <IdentityAndCompanyFields identity={identity} onIdentity={setIdentity} company={company} onCompany={setCompany} form={form} autoFocus />
                </FormBlock>
                <FormBlock title={t("people.newPerson.contact")}>
                  <Group gap="sm" align="flex-start" wrap="nowrap">
                    <PhoneNumberInput style={{ flex: 1 }} {...field("phone", phone, changePhone)} />
                    <NativeSelect
                      label={t("people.fields.phoneKind")}
                      w={170}
                      style={{ flex: "none" }}
                      data={PHONE_KINDS.map((k) => ({ value: k, label: t(`people.phoneKinds.${k}`) }))}
                      value={phoneKind}
                      onChange={(e) => {
                        clear("phoneKind");
                        setPhoneKind(e.currentTarget.value as PhoneKind);
                        setKindChosen(true);
                      }}
                      error={errors.phoneKind}
                    />
                  </Group>
                  <TextInput
                    label={t("people.fields.email")}
                    type="email"
                    autoComplete="off"
                    spellCheck={false}
                    maxLength={254}
                    {...field("email", email, setEmail)}
                  />
                </FormBlock>
                <FormBlock title={t("people.newPerson.address")}>
                  <AddressFields {...group(address, setAddress)} />
                </FormBlock>
                <Group justify="flex-end" gap="xs">
                  <Button variant="default" onClick={() => void navigate("/")}>
                    {t("common.cancel")}
                  </Button>
                  <Button type="submit" loading={busy}>
                    {t("people.newPerson.submit")}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <div style={{ position: "sticky", top: 76 }}>
            {duplicates.length > 0 ? (
              <DuplicateList candidates={duplicates} intro={t("people.duplicates.intro")} />
            ) : (
              <Paper withBorder radius="md" p="sm">
                <Text fz="sm" fw={600}>
                  {t("people.duplicates.title")}
                </Text>
                <Text fz="sm" c="dimmed" mt={4} role="status">
                  {t("people.duplicates.none")}
                </Text>
                <Text fz="xs" c="dimmed" mt={8}>
                  {t("people.duplicates.hint")}
                </Text>
              </Paper>
            )}
          </div>
        </Grid.Col>
      </Grid>
    </>
  );
}

function FormBlock({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="sm" component="fieldset" style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
      <Title order={2} fz="h4" component="legend" mb={4} style={{ padding: 0 }}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

const NAME = /^[\p{L}\p{M}'’\-. ]*$/u;

/** people.duplicates for what is complete enough to compare, after a pause in typing. */
function useDuplicateProbe({ e164, email, identity, postalCode }: { e164: string | null; email: string; identity: IdentityValues; postalCode: string }): DuplicateCandidate[] {
  const probe = useMemo(() => {
    const input: DuplicateProbe = {};
    if (e164) input.phones = [e164];
    if (looksLikeEmail(email)) input.emails = [email.trim().toLowerCase()];
    const lastName = identity.lastName.trim();
    const firstName = identity.firstName.trim();
    if (lastName && postalCode.trim() && NAME.test(lastName) && NAME.test(firstName)) {
      input.lastName = lastName;
      input.firstName = firstName;
      input.postalCodes = [postalCode.trim()];
    }
    return Object.keys(input).length ? input : null;
  }, [e164, email, identity.firstName, identity.lastName, postalCode]);
  const [settled] = useDebouncedValue(probe, TYPING_PAUSE_MS);
  // The last answer stays while the next is asked, so the panel does not blink at each keystroke;
  // half-typed values the server refuses leave it as it was (the form says more on submit).
  const found = useApiQuery("people.duplicates", settled ?? {}, { enabled: probe !== null && settled !== null, keepPrevious: true });
  if (!probe) return [];
  return found.data ?? [];
}
