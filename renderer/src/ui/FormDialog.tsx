/**
 * One form dialog: a title, the fields, Cancel and Save. Ctrl+Enter (⌘+Enter) saves from any field,
 * a textarea included; Esc cancels; a second Save while the first is running does nothing; a
 * refusal shows in the error area (or under its field); the focus goes back to what opened it.
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
import { Alert, Button, Group, Modal, Stack, type ModalProps } from "@mantine/core";
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/ApiError";
import { fieldErrorOf, type FieldErrors } from "../api/fieldErrors";

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

function focusedElement(): HTMLElement | null {
  const active = document.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : null;
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

  // What had the focus when the dialog opened (the button that opened it), to give it back: Mantine's
  // own return only works when `opened` turns false, not when the caller unmounts the dialog. Taken
  // while rendering, before the modal moves the focus inside itself.
  const [opening, setOpening] = useState(() => ({ opened, opener: opened ? focusedElement() : null }));
  if (opening.opened !== opened) setOpening({ opened, opener: opened ? focusedElement() : null });
  const opener = opening.opener;
  useEffect(() => {
    if (!opener) return;
    return () => {
      // After the modal's own focus handling, and only if the opener is still on the page.
      requestAnimationFrame(() => {
        if (opener.isConnected) opener.focus();
      });
    };
  }, [opener]);

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

  const onKeyDown = (event: KeyboardEvent) => {
    // Ctrl+Enter saves from anywhere in the form, a textarea too (where Enter alone is a new line).
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  const shownError = error ?? failure;
  return (
    <Modal opened={opened} onClose={close} title={title} size={size} returnFocus={false} closeOnEscape closeOnClickOutside={!saving}>
      <form onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown} noValidate aria-busy={saving}>
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
    </Modal>
  );
}
