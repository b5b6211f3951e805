import { Badge, Button, Checkbox, Group, Modal, NativeSelect, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { EditIcon, PlusIcon } from "../../ui/icons";
import { notifyError, notifySuccess } from "../../ui/toasts";
import { CardSection } from "../../ui/CardSection";
import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { ItemAction, ItemRow } from "./ItemRow";
import { StarIcon, TrashIcon } from "../../ui/peopleIcons";
import { toE164, formatPhone } from "../../../../common/phone";
import { formFieldErrors, useFieldErrors } from "./useFieldErrors";
import { PHONE_KINDS, type PersonCard, type Phone, type PhoneKind } from "./types";

type Dialog = { kind: "add" } | { kind: "edit"; phone: Phone } | { kind: "remove"; phone: Phone } | null;

/** All the person's numbers: kind, primary marker, and the corrections an agent makes mid-call. */
export function PhonesSection({ card, name, onCard }: { card: PersonCard; name: string; onCard(card: PersonCard): void }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>(null);

  async function setPrimary(phone: Phone) {
    try {
      onCard(await api.phones.setPrimary({ id: phone.id }));
    } catch (error) {
      notifyError(error);
    }
  }

  return (
    <CardSection
      title={t("people.card.phones")}
      count={card.phones.length || undefined}
      actions={
        <Button size="compact-sm" variant="subtle" leftSection={<PlusIcon size={14} />} onClick={() => setDialog({ kind: "add" })}>
          {t("people.card.add")}
        </Button>
      }
    >
      {card.phones.length === 0 && (
        <Text fz="sm" c="dimmed" py={4}>
          {t("people.card.noPhones")}
        </Text>
      )}
      {card.phones.map((phone) => (
        <ItemRow
          key={phone.id}
          actions={
            <>
              <ItemAction label={t("people.card.primaryPhoneLabel", { number: phone.display })} icon={<StarIcon />} hidden={phone.isPrimary} onClick={() => void setPrimary(phone)} />
              <ItemAction label={t("people.card.editPhoneLabel", { number: phone.display })} icon={<EditIcon size={16} />} onClick={() => setDialog({ kind: "edit", phone })} />
              <ItemAction label={t("people.card.removePhoneLabel", { number: phone.display })} icon={<TrashIcon />} color="red" onClick={() => setDialog({ kind: "remove", phone })} />
            </>
          }
        >
          <Group gap={8} wrap="nowrap">
            <Text fw={600} fz="sm" style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}>
              {phone.display}
            </Text>
            <Badge variant="light" color="gray" size="sm">
              {t(`people.phoneKinds.${phone.kind}`)}
            </Badge>
            {phone.isPrimary && (
              <Badge variant="filled" size="sm">
                {t("people.card.primary")}
              </Badge>
            )}
          </Group>
        </ItemRow>
      ))}

      {(dialog?.kind === "add" || dialog?.kind === "edit") && (
        <PhoneModal
          personId={card.id}
          phone={dialog.kind === "edit" ? dialog.phone : null}
          onClose={() => setDialog(null)}
          onSaved={(next) => {
            onCard(next);
            setDialog(null);
            notifySuccess(t("people.card.saved"));
          }}
        />
      )}
      {dialog?.kind === "remove" && (
        <ConfirmDialog
          title={t("people.card.removePhoneTitle")}
          confirmLabel={t("people.card.remove")}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            try {
              onCard(await api.phones.remove({ id: dialog.phone.id }));
              setDialog(null);
              notifySuccess(t("people.card.removed"));
            } catch (error) {
              notifyError(error);
            }
          }}
        >
          {t("people.card.removePhoneText", { number: dialog.phone.display, name })}
        </ConfirmDialog>
      )}
    </CardSection>
  );
}

/** Add a number, or correct one; what the server will store is shown while typing. */
function PhoneModal({ personId, phone, onClose, onSaved }: { personId: number; phone: Phone | null; onClose(): void; onSaved(card: PersonCard): void }) {
  const { t } = useTranslation();
  const [number, setNumber] = useState(phone?.display ?? "");
  const [kind, setKind] = useState<PhoneKind>(phone?.kind ?? "mobile");
  const [primary, setPrimary] = useState(false);
  const { errors, setErrors, clear } = useFieldErrors();
  const [busy, setBusy] = useState(false);
  const e164 = toE164(number);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!number.trim()) {
      setErrors({ number: t("people.form.required") });
      return;
    }
    setBusy(true);
    try {
      onSaved(phone ? await api.phones.update({ id: phone.id, number, kind }) : await api.phones.add({ personId, number, kind, isPrimary: primary || undefined }));
    } catch (error) {
      const fields = formFieldErrors(error, ["number"], t("people.form.invalidPhone"));
      if (fields) setErrors(fields);
      else notifyError(error);
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={phone ? t("people.card.editPhone") : t("people.card.addPhone")} size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Group grow align="flex-start">
            <TextInput
              label={t("people.fields.phone")}
              withAsterisk
              data-autofocus
              autoComplete="off"
              value={number}
              onChange={(e) => {
                clear("number");
                setNumber(e.currentTarget.value);
              }}
              error={errors.number}
              description={e164 ? t("people.form.storedAs", { number: formatPhone(e164) }) : " "}
              inputWrapperOrder={["label", "input", "description", "error"]}
            />
            <NativeSelect
              label={t("people.fields.phoneKind")}
              data={PHONE_KINDS.map((k) => ({ value: k, label: t(`people.phoneKinds.${k}`) }))}
              value={kind}
              onChange={(e) => {
                clear("kind");
                setKind(e.currentTarget.value as PhoneKind);
              }}
              error={errors.kind}
            />
          </Group>
          {!phone && <Checkbox label={t("people.form.makePrimary")} checked={primary} onChange={(e) => setPrimary(e.currentTarget.checked)} />}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy}>
              {phone ? t("common.save") : t("people.card.add")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
