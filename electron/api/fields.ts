import { z } from "zod";
import { LANGUAGES, ROLES } from "../../db/schema";

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
      .regex(/^[\p{L}\p{N}._-]+$/u, "letters, digits, dot, dash or underscore only"),
  );
export const displayName = text(120);
export const password = z.string().min(10).max(200);
export const role = z.enum(ROLES);
export const language = z.enum(LANGUAGES);
export const id = z.number().int().positive();
export const version = z.number().int().positive();
