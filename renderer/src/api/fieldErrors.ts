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
