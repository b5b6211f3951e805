import { TextInput, type TextInputProps } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatPhone, toE164 } from "../../../../common/phone";

/**
 * A number as the caller says it ("022 735 33 92", "0041 22…"), with what the server will store
 * shown under it while typing, so a wrong country or a missing digit is seen before saving.
 */
export function PhoneNumberInput({ value, ...props }: Omit<TextInputProps, "value" | "description"> & { value: string }) {
  const { t } = useTranslation();
  const e164 = toE164(value);
  return (
    <TextInput
      label={t("people.fields.phone")}
      autoComplete="off"
      maxLength={40}
      {...props}
      value={value}
      description={e164 ? t("people.form.storedAs", { number: formatPhone(e164) }) : " "}
      inputWrapperOrder={["label", "input", "description", "error"]}
    />
  );
}
