import type { z } from "zod";
import type { Language } from "../../../common/enums";
import { fieldMessages, parseWithMessages } from "../../../common/validation-messages";
import type { FieldErrors } from "./fieldErrors";

/**
 * Checks a form's input with the operation's own schema (from common/) and the server's wording,
 * before sending it: field errors shaped like `fieldErrorOf`'s (path → sentence), every field at
 * fault at once; null when the input passes (the server still checks it).
 */
export function validateInput(schema: z.ZodType, input: unknown, language: Language): FieldErrors | null {
  const parsed = parseWithMessages(schema, input, language);
  return parsed.success ? null : fieldMessages(parsed.error, language);
}
