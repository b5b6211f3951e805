import { genevaDayOf } from "../../../../../common/geneva-time";
import { isoToSwiss } from "../../../i18n/zurichTime";

export { isoToSwiss, swissToIso } from "../../../i18n/zurichTime";

/** Today in Geneva as YYYY-MM-DD, the calendar sessions are planned in (same rule as the server). */
export function genevaToday(now = Date.now()): string {
  return genevaDayOf(now);
}

/** 14.03.2025 – 15.03.2025, or one date when the session lasts a day. */
export function sessionDates(startsOn: string, endsOn: string): string {
  return startsOn === endsOn ? isoToSwiss(startsOn) : `${isoToSwiss(startsOn)} – ${isoToSwiss(endsOn)}`;
}
