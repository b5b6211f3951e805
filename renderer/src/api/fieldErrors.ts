import type { z } from "zod";
import type { Language } from "../../../common/enums";
import { fieldMessages, parseWithMessages } from "../../../common/validation-messages";
import { ApiError } from "./ApiError";

export type FieldErrors = Partial<Record<string, string>>;

/**
 * A refusal that names an input field (VALIDATION, or a CONFLICT such as a taken username) belongs
 * under that field; null means the caller should report it elsewhere.
 */
export function fieldErrorOf(error: unknown): FieldErrors | null {
  if (!(error instanceof ApiError) || !error.field) return null;
  if (error.code !== "VALIDATION" && error.code !== "CONFLICT") return null;
  // `message` names the field for a toast; under the field, the label already says which one.
  return { [error.field]: error.fieldMessage ?? error.message };
}

/**
 * Checks a form's input with the operation's own schema (from common/) and the server's wording,
 * before sending it: field errors shaped like `fieldErrorOf`'s, every field at fault at once; null
 * when the input passes (the server still checks it).
 */
export function validateInput(schema: z.ZodType, input: unknown, language: Language): FieldErrors | null {
  const parsed = parseWithMessages(schema, input, language);
  return parsed.success ? null : fieldMessages(parsed.error, language);
}
