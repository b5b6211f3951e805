import { formatDateTime } from "../../../../common/geneva-time";

/**
 * A date for a dense table column, still Swiss and in Geneva time: "14:05" today, "03.12. 14:05"
 * this year, "03.12.2025" before. The full date and time go in the cell's tooltip.
 */
export function formatCompactDateTime(ms: number, now: number): string {
  const full = formatDateTime(ms);
  const today = formatDateTime(now);
  if (full.slice(0, 10) === today.slice(0, 10)) return full.slice(11);
  if (full.slice(6, 10) === today.slice(6, 10)) return `${full.slice(0, 6)} ${full.slice(11)}`;
  return full.slice(0, 10);
}
