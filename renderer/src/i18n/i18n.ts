import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import type { Language } from "../../../common/enums";
import { english, french } from "./resources";

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { fr: { translation: french }, en: { translation: english } },
  lng: "fr",
  fallbackLng: "fr",
  initAsync: false,
  interpolation: { escapeValue: false },
});

// Screen readers and hyphenation follow the page language.
document.documentElement.lang = i18n.language;
i18n.on("languageChanged", (language) => {
  document.documentElement.lang = language;
});

export function currentLanguage(): Language {
  return i18n.language === "en" ? "en" : "fr";
}
