import { formatDateTimeSeconds } from "../../../i18n/zurichTime";

/** "1,2 Mo" / "1.2 MB": the unit names follow the UI language. */
export function formatBytes(bytes: number, language: string): string {
  const [value, unit] = bytes >= 1_000_000_000 ? [bytes / 1e9, "gigabyte"] : bytes >= 1_000_000 ? [bytes / 1e6, "megabyte"] : [bytes / 1e3, "kilobyte"];
  return new Intl.NumberFormat(language === "fr" ? "fr-CH" : "en-GB", { style: "unit", unit, maximumFractionDigits: 1 }).format(value);
}

/** Swiss date and time with seconds: two backups taken in the same minute must look different. */
export function formatBackupDate(ms: number): string {
  return formatDateTimeSeconds(ms);
}
