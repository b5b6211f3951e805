import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useApiMutation } from "../../api/queries";
import { ContactListSection } from "../../ui/ContactListSection";
import { UserText } from "../../ui/UserText";
import { AddressFields, addressLine, EMPTY_ADDRESS, type AddressValues } from "./AddressFields";
import type { Address, PersonCard } from "./types";

/** Postal addresses, Switzerland unless said otherwise. */
export function AddressesSection({ card, name }: { card: PersonCard; name: string }) {
  const { t } = useTranslation();
  const add = useApiMutation("addresses.add");
  const update = useApiMutation("addresses.update");
  const remove = useApiMutation("addresses.remove");

  return (
    <ContactListSection<Address, AddressValues>
      items={card.addresses}
      dialogSize="lg"
      texts={{
        title: t("people.card.addresses"),
        empty: t("people.card.noAddresses"),
        add: t("people.card.add"),
        addTitle: t("people.card.addAddress"),
        editTitle: t("people.card.editAddress"),
        primary: t("people.card.primary"),
        saved: t("people.card.saved"),
        removed: t("people.card.removed"),
        removeTitle: t("people.card.removeAddressTitle"),
        removeConfirm: t("people.card.remove"),
        removeText: (address) => t("people.card.removeAddressText", { address: addressLine(address), name }),
        editLabel: (address) => t("people.card.editAddressLabel", { address: addressLine(address) }),
        removeLabel: (address) => t("people.card.removeAddressLabel", { address: addressLine(address) }),
      }}
      renderItem={(address) => (
        <Text fz="sm" lh={1.4}>
          {/* Each line isolated: a street typed right to left cannot carry the postcode or the country along. */}
          {address.street && (
            <>
              <UserText>{address.street}</UserText>
              <br />
            </>
          )}
          <UserText>{[address.postalCode, address.city].filter(Boolean).join(" ")}</UserText>
          <Text span c="dimmed" fz="xs" ml={6}>
            {address.country}
          </Text>
        </Text>
      )}
      initialValues={(address) => (address ? { street: address.street, postalCode: address.postalCode, city: address.city, country: address.country } : EMPTY_ADDRESS)}
      validate={(value) => (value.city.trim() ? null : { city: t("people.form.cityRequired") })}
      save={(value, address) => (address ? update.mutateAsync({ id: address.id, ...value }) : add.mutateAsync({ personId: card.id, ...value }))}
      remove={(address) => remove.mutateAsync({ id: address.id })}
      fields={({ value, onChange, errors }) => <AddressFields value={value} onChange={onChange} errors={errors} autoFocus />}
    />
  );
}
