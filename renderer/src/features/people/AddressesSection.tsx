import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { fieldErrorOf } from "../../api/fieldErrors";
import { EditIcon, PlusIcon } from "../../ui/icons";
import { notifyError, notifySuccess } from "../../ui/toasts";
import { AddressFields, addressLine, EMPTY_ADDRESS, type AddressValues } from "./AddressFields";
import { CardSection } from "../../ui/CardSection";
import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { ItemAction, ItemRow } from "./ItemRow";
import { TrashIcon } from "../../ui/peopleIcons";
import type { Address, PersonCard } from "./types";
import { useFieldErrors } from "./useFieldErrors";

type Dialog = { kind: "add" } | { kind: "edit"; address: Address } | { kind: "remove"; address: Address } | null;

/** Postal addresses, Switzerland unless said otherwise. */
export function AddressesSection({ card, name, onCard }: { card: PersonCard; name: string; onCard(card: PersonCard): void }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>(null);

  return (
    <CardSection
      title={t("people.card.addresses")}
      count={card.addresses.length || undefined}
      actions={
        <Button size="compact-sm" variant="subtle" leftSection={<PlusIcon size={14} />} onClick={() => setDialog({ kind: "add" })}>
          {t("people.card.add")}
        </Button>
      }
    >
      {card.addresses.length === 0 && (
        <Text fz="sm" c="dimmed" py={4}>
          {t("people.card.noAddresses")}
        </Text>
      )}
      {card.addresses.map((address) => {
        const line = addressLine(address);
        return (
          <ItemRow
            key={address.id}
            actions={
              <>
                <ItemAction label={t("people.card.editAddressLabel", { address: line })} icon={<EditIcon size={16} />} onClick={() => setDialog({ kind: "edit", address })} />
                <ItemAction label={t("people.card.removeAddressLabel", { address: line })} icon={<TrashIcon />} color="red" onClick={() => setDialog({ kind: "remove", address })} />
              </>
            }
          >
            <Text fz="sm" lh={1.4}>
              {address.street && (
                <>
                  {address.street}
                  <br />
                </>
              )}
              {[address.postalCode, address.city].filter(Boolean).join(" ")}
              <Text span c="dimmed" fz="xs" ml={6}>
                {address.country}
              </Text>
            </Text>
          </ItemRow>
        );
      })}

      {(dialog?.kind === "add" || dialog?.kind === "edit") && (
        <AddressModal
          personId={card.id}
          address={dialog.kind === "edit" ? dialog.address : null}
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
          title={t("people.card.removeAddressTitle")}
          confirmLabel={t("people.card.remove")}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            try {
              onCard(await api.addresses.remove({ id: dialog.address.id }));
              setDialog(null);
              notifySuccess(t("people.card.removed"));
            } catch (error) {
              notifyError(error);
            }
          }}
        >
          {t("people.card.removeAddressText", { address: addressLine(dialog.address), name })}
        </ConfirmDialog>
      )}
    </CardSection>
  );
}

function AddressModal({ personId, address, onClose, onSaved }: { personId: number; address: Address | null; onClose(): void; onSaved(card: PersonCard): void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState<AddressValues>(address ? { street: address.street, postalCode: address.postalCode, city: address.city, country: address.country } : EMPTY_ADDRESS);
  const { errors, setErrors, clearChanged } = useFieldErrors();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!value.city.trim()) {
      setErrors({ city: t("people.form.cityRequired") });
      return;
    }
    setBusy(true);
    try {
      onSaved(address ? await api.addresses.update({ id: address.id, ...value }) : await api.addresses.add({ personId, ...value }));
    } catch (error) {
      const fields = fieldErrorOf(error);
      if (fields) setErrors(fields);
      else notifyError(error);
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={address ? t("people.card.editAddress") : t("people.card.addAddress")} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <AddressFields
            value={value}
            onChange={(next) => {
              clearChanged(value, next);
              setValue(next);
            }}
            errors={errors}
            autoFocus
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy}>
              {address ? t("common.save") : t("people.card.add")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
