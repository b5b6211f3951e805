/**
 * Geneva wall-clock time for exported dates. Intl's formatter costs microseconds per call, which
 * is seconds over a million rows; the UTC offset only changes twice a year, so it is looked up
 * once per UTC hour and the digits are assembled by hand.
 */
const ZONE = "Europe/Zurich";
const HOUR = 3_600_000;

const offsetFormat = new Intl.DateTimeFormat("en-US", {
  timeZone: ZONE,
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  hourCycle: "h23",
});

const offsets = new Map<number, number>();

/** Minutes Geneva is ahead of UTC at `ms` (60 in winter, 120 in summer). */
export function zurichOffsetMinutes(ms: number): number {
  const hour = Math.floor(ms / HOUR);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const p: Record<string, number> = {};
    for (const part of offsetFormat.formatToParts(new Date(hour * HOUR))) if (part.type !== "literal") p[part.type] = Number(part.value);
    const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!);
    offset = Math.round((wall - hour * HOUR) / 60_000);
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

/** The instant shifted so that its UTC fields read Geneva's wall clock (what Excel shows as-is). */
export function zurichWallClock(ms: number): Date {
  return new Date(ms + zurichOffsetMinutes(ms) * 60_000);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

export type DateStyle = "iso" | "swiss";

/** 2026-11-25T10:05:00+01:00 (ISO 8601 with Geneva's offset) or 25.11.2026 10:05 (Swiss). */
export function formatInstant(ms: number, style: DateStyle): string {
  const offset = zurichOffsetMinutes(ms);
  const d = new Date(ms + offset * 60_000);
  const date = style === "iso" ? `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}` : `${pad2(d.getUTCDate())}.${pad2(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
  if (style === "swiss") return `${date} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  return `${date}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** A calendar day stored as YYYY-MM-DD, written as is (ISO) or as dd.MM.yyyy. */
export function formatDay(day: string, style: DateStyle): string {
  if (style === "iso" || day.length !== 10) return day;
  return `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}`;
}

/** A calendar day as a Date at UTC midnight: Excel shows that day whatever the desk's zone. */
export function dayAsDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}
