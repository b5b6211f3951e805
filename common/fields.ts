import { z } from "zod";
import { toE164 } from "./phone";
import { LANGUAGES, ROLES } from "./enums";
import { rule } from "./validation-messages";

/** Trimmed, NFC-normalised text with a length limit matching the column's CHECK. */
export function text(max: number, min = 1) {
  return z
    .string()
    .transform((s) => s.normalize("NFC").trim())
    .pipe(z.string().min(min).max(max));
}

export const username = z
  .string()
  .transform((s) => s.normalize("NFC").trim().toLowerCase())
  .pipe(
    z
      .string()
      .min(2)
      .max(64)
      .regex(/^[\p{L}\p{N}._-]+$/u, rule("username_characters")),
  );
export const displayName = text(120);
export const password = z.string().min(10).max(200);
export const role = z.enum(ROLES);
export const language = z.enum(LANGUAGES);
export const id = z.number().int().positive();
export const version = z.number().int().positive();

/** A phone number in any format a caller gives, stored as E.164; refused when it cannot be valid. */
export const phoneNumber = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const e164 = toE164(s);
    if (!e164) {
      ctx.addIssue({ code: "custom", message: rule("phone_number") });
      return z.NEVER;
    }
    return e164;
  });

/** Lower-cased and trimmed, so "Jean.Dupont@Example.CH " and "jean.dupont@example.ch" are one address. */
export const email = z
  .string()
  .transform((s) => s.normalize("NFC").trim().toLowerCase())
  .pipe(z.email().max(254));

export const country = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{2}$/, rule("country_code")));

/** Names: any letters of any script, apostrophes, hyphens, spaces, dots. */
export const personName = (max: number, min = 1) =>
  text(max, min).pipe(z.string().regex(/^[\p{L}\p{M}'’\-. ]*$/u, rule("name_characters")));

/** The date fields, declared beside the one date range. */
export { calendarDay, instant } from "./date-fields";
