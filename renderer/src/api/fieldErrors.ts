import { ApiError } from "./ApiError";

export type FieldErrors = Partial<Record<string, string>>;

/**
 * A refusal that names an input field (VALIDATION, or a CONFLICT such as a taken username) belongs
 * under that field; null means the caller should report it elsewhere.
 */
export function fieldErrorOf(error: unknown): FieldErrors | null {
  if (!(error instanceof ApiError) || !error.field) return null;
  if (error.code !== "VALIDATION" && error.code !== "CONFLICT") return null;
  // The dispatcher prefixes validation messages with the field path, which the label already says.
  const prefix = `${error.field}: `;
  const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return { [error.field]: message };
}
