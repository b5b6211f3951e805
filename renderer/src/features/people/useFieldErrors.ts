import { useCallback, useState } from "react";
import { fieldErrorOf, type FieldErrors } from "../../api/fieldErrors";

/**
 * Errors shown under fields, each one cleared as soon as its field is edited, so a corrected value
 * never sits under the refusal of the previous one.
 */
export function useFieldErrors() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const clear = useCallback((...keys: string[]) => {
    setErrors((current) => {
      if (!keys.some((key) => current[key])) return current;
      const next = { ...current };
      for (const key of keys) delete next[key];
      return next;
    });
  }, []);
  /** Clears the errors of the keys whose values differ between two versions of a group of fields. */
  const clearChanged = useCallback(<T extends object>(before: T, after: T) => {
    clear(...Object.keys(after).filter((key) => before[key as keyof T] !== after[key as keyof T]));
  }, [clear]);
  return { errors, setErrors, clear, clearChanged };
}

/**
 * The server's refusal as field errors, with the phone fields' message in the user's language
 * (the only way a phone can be refused once its length is capped by the input: not a valid number).
 */
export function formFieldErrors(error: unknown, phoneFields: readonly string[], invalidPhone: string): FieldErrors | null {
  const fields = fieldErrorOf(error);
  if (!fields) return null;
  for (const key of phoneFields) if (fields[key] && (error as { code?: string }).code === "VALIDATION") fields[key] = invalidPhone;
  return fields;
}
