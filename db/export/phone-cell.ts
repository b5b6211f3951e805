import { parsePhoneNumberFromString } from "libphonenumber-js/max";

/**
 * Phone numbers in a workbook: international format, "+41 22 735 33 92" — the groups a person reads
 * and dials from, with the country code a file that leaves the desk needs (a national "022…" means
 * nothing abroad). A workbook cell is text, so the "+" is safe there; CSV keeps E.164 (cell-safety.ts).
 *
 * libphonenumber costs tens of µs a number — tens of seconds over a million people — so Swiss
 * numbers, nearly all of them, are grouped here by its own rule for Switzerland (metadata "CH": 9
 * national digits; 80x, 84x, 87x and 90x as 3-3-3, every other valid one as 2-3-2-2); the rest go
 * through the library. tests/db/phone-cell.test.ts compares the two on every leading pair.
 */
export function internationalPhone(stored: string): string {
  if (stored.length === 12 && stored.startsWith("+41")) {
    const a = stored.charCodeAt(3);
    const b = stored.charCodeAt(4);
    // 2-7 and 9 (but 90) and 81: 2-3-2-2; 80, 84, 87, 90: 3-3-3.
    if ((a >= 0x32 && a <= 0x37) || (a === 0x39 && b !== 0x30) || (a === 0x38 && b === 0x31)) {
      return `+41 ${stored.slice(3, 5)} ${stored.slice(5, 8)} ${stored.slice(8, 10)} ${stored.slice(10)}`;
    }
    if ((a === 0x38 && (b === 0x30 || b === 0x34 || b === 0x37)) || (a === 0x39 && b === 0x30)) {
      return `+41 ${stored.slice(3, 6)} ${stored.slice(6, 9)} ${stored.slice(9)}`;
    }
  }
  const parsed = stored.startsWith("+") ? parsePhoneNumberFromString(stored) : undefined;
  return parsed ? parsed.formatInternational() : stored;
}
