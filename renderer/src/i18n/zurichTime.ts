/**
 * The screens' name for Geneva's date and time rules, which live once in common/geneva-time.ts
 * (the server formats and reads with the same functions). Kept as a re-export so the screens that
 * show dates import them from the i18n layer as before.
 */
export {
  formatDate,
  formatDateTime,
  formatDateTimeSeconds,
  formatTime,
  genevaDayEnd as zurichDayEnd,
  genevaDayStart as zurichDayStart,
  isoDay,
  isoToSwiss,
  machineTime,
  NO_TIME,
  parseIsoDay,
  parseSwissDate,
  swissToIso,
  type CalendarDay,
} from "../../../common/geneva-time";
