import "i18next";
import type { french } from "./resources";

// Keys passed to t() are checked against the French file (the reference language).
declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof french };
  }
}
