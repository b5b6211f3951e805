import { parseIsoDay, zurichDayEnd, zurichDayStart } from "../../i18n/zurichTime";
import type { ExportChoice, ExportFilters, RecordSetInfo } from "./exportTypes";

/** A fresh choice for a record set: its default columns, no filter, CSV the Swiss way. */
export function initialChoice(set: RecordSetInfo, previous?: ExportChoice): ExportChoice {
  return {
    recordSet: set.key,
    columns: [...set.defaults],
    lists: {},
    ids: {},
    from: null,
    to: null,
    format: previous?.format ?? "csv",
    delimiter: previous?.delimiter ?? ";",
    dateStyle: previous?.dateStyle ?? "swiss",
    // Labels: a manager reads "Trié", not "triaged" (the contract's default too).
    codes: previous?.codes ?? "labels",
  };
}

/** The API's filters: only what is set, dates as the first and last instant of the Geneva days. */
export function toFilters(choice: ExportChoice, set: RecordSetInfo): ExportFilters {
  const accepted = new Set(set.filters.map((f) => f.key));
  const filters: Record<string, unknown> = {};
  for (const [key, values] of Object.entries(choice.lists)) if (accepted.has(key as never) && values?.length) filters[key] = values;
  for (const [key, id] of Object.entries(choice.ids)) if (accepted.has(key as never) && id) filters[key] = id;
  const from = choice.from ? parseIsoDay(choice.from) : null;
  const to = choice.to ? parseIsoDay(choice.to) : null;
  if (from && accepted.has("from")) filters.from = zurichDayStart(from);
  if (to && accepted.has("to")) filters.to = zurichDayEnd(to);
  return filters as ExportFilters;
}

/** "12 s", "3 min": the time left, rounded the way a person reads it. */
export function timeLeftParts(ms: number): { unit: "seconds" | "minutes"; count: number } {
  const seconds = Math.max(1, Math.round(ms / 1000));
  return seconds < 90 ? { unit: "seconds", count: seconds } : { unit: "minutes", count: Math.round(seconds / 60) };
}
