import { SegmentedControl } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { LANGUAGES, type Language } from "../../../common/enums";

/** FR | EN, one click or arrow keys; the caller decides whether the choice is remembered. */
export function LanguageSwitch({ onChange, disabled }: { onChange: (language: Language) => void; disabled?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      aria-label={t("language.label")}
      size="xs"
      value={i18n.language}
      disabled={disabled}
      onChange={(value) => onChange(value as Language)}
      data={LANGUAGES.map((language) => ({
        value: language,
        label: <span title={t(`language.${language}Name`)}>{t(`language.${language}`)}</span>,
      }))}
    />
  );
}
