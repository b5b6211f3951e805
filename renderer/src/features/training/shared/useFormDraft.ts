import { useState } from "react";
import type { FieldErrors } from "../../../api/fieldErrors";
import { queryClient } from "../../../api/queries";

/**
 * What a training form edits (`errorKey`: the input field a form key is sent as, when they differ) and what was refused in it. An error stays under its field until that
 * field changes. A refusal naming a field the form does not have (the record's version, a rule
 * about another field) is said above the buttons; a stale version also re-reads what is on screen,
 * so the next try starts from what someone else saved.
 */
export function useFormDraft<F extends object>(initial: () => F, { errorKey = (key: string) => key }: { errorKey?(formKey: string): string } = {}) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);

  function set(patch: Partial<F>) {
    setForm((f) => ({ ...f, ...patch }));
    setErrors((e) => {
      const next = { ...e };
      for (const key of Object.keys(patch)) delete next[errorKey(key)];
      return next;
    });
  }

  /** Checks before sending: true when nothing is missing (the errors found are shown). */
  function check(found: FieldErrors): boolean {
    setErrors(found);
    setGeneral(null);
    return Object.keys(found).length === 0;
  }

  function refused(fields: FieldErrors) {
    const own = Object.keys(form).map(errorKey).filter((key) => key in fields);
    if (own.length) return setErrors(fields);
    setGeneral(Object.values(fields)[0] ?? null);
    if ("version" in fields) void queryClient.invalidateQueries();
  }

  return { form, set, errors, general, check, refused };
}
