/**
 * One form dialog: a title, the fields, Cancel and Save. Ctrl+Enter (⌘+Enter) saves from any field,
 * a textarea included (useCtrlEnterSaves, for every form of the app); Esc cancels; a second Save
 * while the first is running does nothing; a refusal shows in the error area (or under its field);
 * the focus goes back to what opened it (the kit's Dialog).
 *
 * Usage:
 *
 *   const save = useApiMutation("reports.setStatus");
 *   {open && (
 *     <FormDialog
 *       title={t("reports.status.title")}
 *       onClose={() => setOpen(false)}
 *       onSubmit={async () => { await save.mutateAsync(input); setOpen(false); }}
 *       onFieldErrors={setErrors}         // VALIDATION/CONFLICT naming a field go there
 *       submitLabel={t("reports.status.save")}
 *     >
 *       <Textarea label=… data-autofocus />
 *     </FormDialog>
 *   )}
 *
 * `onSubmit` closes the dialog itself when it is done (the caller knows whether to); while it runs
 * the Save button spins and further submits are ignored. A thrown error that names no field is shown
 * above the buttons. `error` shows the caller's own message there (e.g. "Choose a person first.").
 */
import { Alert, Button, Group, Stack, type ModalProps } from "@mantine/core";
import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/ApiError";
import { fieldErrorOf, type FieldErrors } from "../api/fieldErrors";
import { Dialog } from "./Dialog";

export interface FormDialogProps {
  title: ReactNode;
  children: ReactNode;
  /** Runs the save; resolves when done (closing the dialog is up to it). A rejection is shown. */
  onSubmit(): Promise<void> | void;
  /** Cancel, Esc, the close button. Not called while saving. */
  onClose(): void;
  /** Defaults to true: the usual `{open && <FormDialog …/>}` mounts it open. */
  opened?: boolean;
  submitLabel?: string;
  cancelLabel?: string;
  /** The caller's own running state (a mutation's isPending), added to the dialog's. */
  saving?: boolean;
  /** Save stays disabled (nothing to save yet). */
  submitDisabled?: boolean;
  /** The caller's message in the error area. */
  error?: ReactNode;
  /** Refusals naming an input field (VALIDATION, CONFLICT); without it they show in the error area. */
  onFieldErrors?(errors: FieldErrors): void;
  size?: ModalProps["size"];
  /** The submit button in red (an irreversible change). */
  danger?: boolean;
}

/** The dispatcher's message is already a sentence in the user's language. */
function messageOf(error: unknown): string {
  if (error instanceof ApiError || error instanceof Error) return error.message;
  return String(error);
}

export function FormDialog({
  title,
  children,
  onSubmit,
  onClose,
  opened = true,
  submitLabel,
  cancelLabel,
  saving: savingOutside = false,
  submitDisabled = false,
  error,
  onFieldErrors,
  size = "lg",
  danger = false,
}: FormDialogProps) {
  const { t } = useTranslation();
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // A ref, not the state: two Ctrl+Enter in one frame both see the state before either re-render.
  const busy = useRef(false);
  const saving = running || savingOutside;

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (busy.current || savingOutside || submitDisabled) return;
    busy.current = true;
    setRunning(true);
    setFailure(null);
    try {
      await onSubmit();
    } catch (thrown) {
      const fields = onFieldErrors ? fieldErrorOf(thrown) : null;
      if (fields && onFieldErrors) onFieldErrors(fields);
      else setFailure(messageOf(thrown));
    } finally {
      busy.current = false;
      setRunning(false);
    }
  }

  const close = () => {
    if (!busy.current && !savingOutside) onClose();
  };

  const shownError = error ?? failure;
  return (
    <Dialog opened={opened} onClose={close} title={title} size={size} closeOnEscape closeOnClickOutside={!saving}>
      <form onSubmit={(e) => void submit(e)} noValidate aria-busy={saving}>
        <Stack gap="md">
          {children}
          {shownError && (
            <Alert color="red" variant="light" role="alert">
              {shownError}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close} disabled={saving}>
              {cancelLabel ?? t("common.cancel")}
            </Button>
            <Button type="submit" loading={saving} disabled={submitDisabled} color={danger ? "red" : undefined} title={t("common.form.saveShortcut")}>
              {submitLabel ?? t("common.save")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
