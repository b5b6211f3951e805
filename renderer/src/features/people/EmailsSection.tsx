import { Badge, Button, Checkbox, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { fieldErrorOf } from "../../api/fieldErrors";
import { PlusIcon } from "../../ui/icons";
import { notifyError, notifySuccess } from "../../ui/toasts";
import { CardSection } from "../../ui/CardSection";
import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { ItemAction, ItemRow } from "./ItemRow";
import { StarIcon, TrashIcon } from "../../ui/peopleIcons";
import type { Email, PersonCard } from "./types";
import { useFieldErrors } from "./useFieldErrors";

type Dialog = { kind: "add" } | { kind: "remove"; email: Email } | null;

/** The person's email addresses; a wrong one is removed and the right one added (both kept in the history). */
export function EmailsSection({ card, name, onCard }: { card: PersonCard; name: string; onCard(card: PersonCard): void }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>(null);

  async function setPrimary(email: Email) {
    try {
      onCard(await api.emails.setPrimary({ id: email.id }));
    } catch (error) {
      notifyError(error);
    }
  }

  return (
    <CardSection
      title={t("people.card.emails")}
      count={card.emails.length || undefined}
      actions={
        <Button size="compact-sm" variant="subtle" leftSection={<PlusIcon size={14} />} onClick={() => setDialog({ kind: "add" })}>
          {t("people.card.add")}
        </Button>
      }
    >
      {card.emails.length === 0 && (
        <Text fz="sm" c="dimmed" py={4}>
          {t("people.card.noEmails")}
        </Text>
      )}
      {card.emails.map((email) => (
        <ItemRow
          key={email.id}
          actions={
            <>
              <ItemAction label={t("people.card.primaryEmailLabel", { email: email.email })} icon={<StarIcon />} hidden={email.isPrimary} onClick={() => void setPrimary(email)} />
              <ItemAction label={t("people.card.removeEmailLabel", { email: email.email })} icon={<TrashIcon />} color="red" onClick={() => setDialog({ kind: "remove", email })} />
            </>
          }
        >
          <Group gap={8} wrap="nowrap">
            <Text fz="sm" fw={500} truncate="end" title={email.email}>
              {email.email}
            </Text>
            {email.isPrimary && (
              <Badge variant="filled" size="sm" style={{ flex: "none" }}>
                {t("people.card.primary")}
              </Badge>
            )}
          </Group>
        </ItemRow>
      ))}

      {dialog?.kind === "add" && (
        <EmailModal
          personId={card.id}
          onClose={() => setDialog(null)}
          onSaved={(next) => {
            onCard(next);
            setDialog(null);
            notifySuccess(t("people.card.saved"));
          }}
        />
      )}
      {dialog?.kind === "remove" && (
        <ConfirmDialog
          title={t("people.card.removeEmailTitle")}
          confirmLabel={t("people.card.remove")}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            try {
              onCard(await api.emails.remove({ id: dialog.email.id }));
              setDialog(null);
              notifySuccess(t("people.card.removed"));
            } catch (error) {
              notifyError(error);
            }
          }}
        >
          {t("people.card.removeEmailText", { email: dialog.email.email, name })}
        </ConfirmDialog>
      )}
    </CardSection>
  );
}

function EmailModal({ personId, onClose, onSaved }: { personId: number; onClose(): void; onSaved(card: PersonCard): void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [primary, setPrimary] = useState(false);
  const { errors, setErrors, clear } = useFieldErrors();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim()) {
      setErrors({ email: t("people.form.required") });
      return;
    }
    setBusy(true);
    try {
      onSaved(await api.emails.add({ personId, email, isPrimary: primary || undefined }));
    } catch (error) {
      const fields = fieldErrorOf(error);
      if (fields) setErrors(fields);
      else notifyError(error);
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onClose} title={t("people.card.addEmail")} size="md">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t("people.fields.email")}
            type="email"
            withAsterisk
            data-autofocus
            autoComplete="off"
            spellCheck={false}
            value={email}
            onChange={(e) => {
              clear("email");
              setEmail(e.currentTarget.value);
            }}
            error={errors.email}
          />
          <Checkbox label={t("people.form.makePrimaryEmail")} checked={primary} onChange={(e) => setPrimary(e.currentTarget.checked)} />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={busy}>
              {t("people.card.add")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
