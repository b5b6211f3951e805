import type { TFunction } from "i18next";
import type { DateTimePreset } from "./DateTimeField";
import { genevaAt } from "../../../../common/geneva-time";

/** The usual answers to "when shall we call back?": in two hours, tomorrow morning or afternoon. */
export function callbackPresets(t: TFunction): DateTimePreset[] {
  return [
    // On the next quarter hour, so the time reads as one a person would say.
    { label: t("reports.dateTime.inTwoHours"), at: () => Math.ceil((Date.now() + 2 * 3_600_000) / 900_000) * 900_000 },
    { label: t("reports.dateTime.tomorrowMorning"), at: () => genevaAt(Date.now(), 1, 9) },
    { label: t("reports.dateTime.tomorrowAfternoon"), at: () => genevaAt(Date.now(), 1, 14) },
  ];
}
