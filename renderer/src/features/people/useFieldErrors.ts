import { useCallback, useState, type ChangeEvent } from "react";
import { fieldErrorOf, type FieldErrors } from "../../api/fieldErrors";
import { notifyError } from "../../ui/toasts";

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
  /** A text field's value, change handler and error, its error cleared as soon as it is edited. */
  const field = (key: string, value: string, set: (next: string) => void) => ({
    value,
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      clear(key);
      set(event.currentTarget.value);
    },
    error: errors[key],
  });
  /** A group of fields (an address, an identity) with the errors of the ones that changed cleared. */
  const group = <T extends object>(value: T, set: (next: T) => void) => ({
    value,
    onChange: (next: T) => {
      clearChanged(value, next);
      set(next);
    },
    errors,
  });
  return { errors, setErrors, clear, clearChanged, field, group };
}

export type FieldErrorsState = ReturnType<typeof useFieldErrors>;

/**
 * A save against a version was refused: errors naming a field go under it; a version conflict
 * (someone saved meanwhile) is said in the toast and `onStale` shows the current state; any other
 * refusal is thrown on, to the dialog's error area.
 */
export function settleRefusal(error: unknown, fields: FieldErrors | null, form: FieldErrorsState, onStale: () => void): void {
  if (!fields) throw error;
  if ("version" in fields) {
    notifyError(error);
    onStale();
    return;
  }
  form.setErrors(fields);
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
