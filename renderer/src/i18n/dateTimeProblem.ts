import type { TFunction } from "i18next";
import { MAX_YEAR, MIN_YEAR } from "../../../common/date-range";
import { readSwissDateTime, type DateTimeProblem } from "../../../common/geneva-time";

/** What to tell the agent about a typed date and time that is no accepted moment (common/geneva-time.ts). */
export function dateTimeProblemText(t: TFunction, problem: DateTimeProblem): string {
  if (problem === "skipped") return t("common.dateTime.skipped");
  if (problem === "range") return t("common.dateTime.range", { min: MIN_YEAR, max: MAX_YEAR });
  return t("common.dateTime.invalid");
}

/** The message for a typed date and time, or undefined when it is empty or an accepted moment. */
export function dateTimeError(t: TFunction, text: string): string | undefined {
  if (!text.trim()) return undefined;
  const reading = readSwissDateTime(text);
  return reading.ok ? undefined : dateTimeProblemText(t, reading.problem);
}
