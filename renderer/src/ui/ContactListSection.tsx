import { ActionIcon, Badge, Button, Group, Text, Tooltip } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { fieldErrorOf, type FieldErrors } from "../api/fieldErrors";
import { CardSection } from "./CardSection";
import { ConfirmDialog } from "./ConfirmDialog";
import { FormDialog } from "./FormDialog";
import { EditIcon, PlusIcon } from "./icons";
import { StarIcon, TrashIcon } from "./peopleIcons";
import { notifyError, notifySuccess } from "./toasts";

/** One entry of the list: phones, emails and addresses all have an id and may be the primary one. */
export interface ContactItem {
  id: number;
  isPrimary?: boolean;
}

/** What the add / edit dialog's fields get: the values, their errors, and a way to change them. */
export interface ContactFieldsProps<Values> {
  value: Values;
  onChange(next: Values): void;
  errors: FieldErrors;
  /** The entry being corrected; null when adding. */
  editing: ContactItem | null;
}

/** The sentences of one kind of entry (every one already translated by the caller). */
export interface ContactListTexts<Item> {
  title: string;
  empty: string;
  add: string;
  addTitle: string;
  editTitle?: string;
  /** The badge of the primary entry. */
  primary: string;
  saved: string;
  removed: string;
  removeTitle: string;
  removeConfirm: string;
  removeText(item: Item): string;
  /** Accessible names of the row's buttons, each naming the entry ("Remove 022 735 33 92"). Without `editLabel`, entries are not corrected in place. */
  makePrimaryLabel?(item: Item): string;
  editLabel?(item: Item): string;
  removeLabel(item: Item): string;
}

export interface ContactListSectionProps<Item extends ContactItem, Values extends object> {
  items: readonly Item[];
  texts: ContactListTexts<Item>;
  /** The row's content: the number and its kind, the address on two lines… */
  renderItem(item: Item): ReactNode;
  /** The dialog's fields for this kind of entry. */
  fields(props: ContactFieldsProps<Values>): ReactNode;
  /** The dialog's starting values: empty to add, the entry's own to correct it. */
  initialValues(item: Item | null): Values;
  /** Checks made before asking the server (a required field); null when there is nothing to say. */
  validate?(values: Values): FieldErrors | null;
  /** Saves a new entry (`item` null) or a correction; rejects with the server's refusal. */
  save(values: Values, item: Item | null): Promise<unknown>;
  /** Absent: entries of this kind have no primary one (no star, no badge). */
  makePrimary?(item: Item): Promise<unknown>;
  remove(item: Item): Promise<unknown>;
  /** The server's refusal as field errors; by default the refused field's own message. */
  fieldErrors?(error: unknown): FieldErrors | null;
  dialogSize?: "md" | "lg";
}

type Dialog<Item> = { kind: "add" } | { kind: "edit"; item: Item } | { kind: "remove"; item: Item } | null;

/**
 * One titled list of a person's contact details: each entry with its actions at the right edge
 * (make primary, correct, remove), an add button in the title, a dialog with the kind's own fields
 * and a confirmation before removing. Phones, emails and addresses differ only in what is passed in.
 */
export function ContactListSection<Item extends ContactItem, Values extends object>({
  items,
  texts,
  renderItem,
  fields,
  initialValues,
  validate,
  save,
  makePrimary,
  remove,
  fieldErrors = fieldErrorOf,
  dialogSize = "md",
}: ContactListSectionProps<Item, Values>) {
  const [dialog, setDialog] = useState<Dialog<Item>>(null);

  async function primary(item: Item) {
    try {
      await makePrimary?.(item);
    } catch (error) {
      notifyError(error);
    }
  }

  return (
    <CardSection
      title={texts.title}
      count={items.length || undefined}
      actions={
        <Button size="compact-sm" variant="subtle" leftSection={<PlusIcon size={14} />} onClick={() => setDialog({ kind: "add" })}>
          {texts.add}
        </Button>
      }
    >
      {items.length === 0 && (
        <Text fz="sm" c="dimmed" py={4}>
          {texts.empty}
        </Text>
      )}
      {items.map((item) => (
        <Group key={item.id} justify="space-between" wrap="nowrap" gap="xs" py={5} style={{ borderBottom: "1px solid var(--mantine-color-gray-2)" }}>
          <Group gap={8} wrap="nowrap" style={{ minWidth: 0, flex: 1 }}>
            <div style={{ minWidth: 0 }}>{renderItem(item)}</div>
            {makePrimary && item.isPrimary && (
              <Badge variant="filled" size="sm" style={{ flex: "none" }}>
                {texts.primary}
              </Badge>
            )}
          </Group>
          <Group gap={2} wrap="nowrap" style={{ flex: "none" }}>
            {makePrimary && texts.makePrimaryLabel && (
              <ItemAction label={texts.makePrimaryLabel(item)} icon={<StarIcon />} hidden={item.isPrimary} onClick={() => void primary(item)} />
            )}
            {texts.editLabel && <ItemAction label={texts.editLabel(item)} icon={<EditIcon size={16} />} onClick={() => setDialog({ kind: "edit", item })} />}
            <ItemAction label={texts.removeLabel(item)} icon={<TrashIcon />} color="red" onClick={() => setDialog({ kind: "remove", item })} />
          </Group>
        </Group>
      ))}

      {(dialog?.kind === "add" || dialog?.kind === "edit") && (
        <ContactDialog<Item, Values>
          item={dialog.kind === "edit" ? dialog.item : null}
          title={dialog.kind === "edit" ? (texts.editTitle ?? texts.addTitle) : texts.addTitle}
          submitLabel={dialog.kind === "edit" ? undefined : texts.add}
          size={dialogSize}
          fields={fields}
          initialValues={initialValues}
          validate={validate}
          fieldErrors={fieldErrors}
          save={save}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            notifySuccess(texts.saved);
          }}
        />
      )}
      {dialog?.kind === "remove" && (
        <ConfirmDialog
          title={texts.removeTitle}
          confirmLabel={texts.removeConfirm}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            try {
              await remove(dialog.item);
              setDialog(null);
              notifySuccess(texts.removed);
            } catch (error) {
              notifyError(error);
            }
          }}
        >
          {texts.removeText(dialog.item)}
        </ConfirmDialog>
      )}
    </CardSection>
  );
}

function ContactDialog<Item extends ContactItem, Values extends object>({
  item,
  title,
  submitLabel,
  size,
  fields,
  initialValues,
  validate,
  fieldErrors,
  save,
  onClose,
  onSaved,
}: {
  item: Item | null;
  title: string;
  /** Absent: the ordinary "Save". */
  submitLabel?: string;
  size: "md" | "lg";
  fields(props: ContactFieldsProps<Values>): ReactNode;
  initialValues(item: Item | null): Values;
  validate?(values: Values): FieldErrors | null;
  fieldErrors(error: unknown): FieldErrors | null;
  save(values: Values, item: Item | null): Promise<unknown>;
  onClose(): void;
  onSaved(): void;
}) {
  const [value, setValue] = useState<Values>(() => initialValues(item));
  const [errors, setErrors] = useState<FieldErrors>({});

  function change(next: Values) {
    // A corrected value never sits under the refusal of the previous one.
    const before = value as Record<string, unknown>;
    const after = next as Record<string, unknown>;
    const changed = Object.keys(after).filter((key) => after[key] !== before[key]);
    if (changed.some((key) => errors[key])) setErrors((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !changed.includes(key))));
    setValue(next);
  }

  async function submit() {
    const refused = validate?.(value);
    if (refused && Object.keys(refused).length) {
      setErrors(refused);
      return;
    }
    try {
      await save(value, item);
    } catch (error) {
      const fields = fieldErrors(error);
      if (!fields) throw error;
      setErrors(fields);
      return;
    }
    onSaved();
  }

  return (
    <FormDialog title={title} size={size} submitLabel={submitLabel} onClose={onClose} onSubmit={submit}>
      {fields({ value, onChange: change, errors, editing: item })}
    </FormDialog>
  );
}

/** An icon button whose accessible name says what it does to which entry. */
function ItemAction({ label, icon, onClick, color, hidden }: { label: string; icon: ReactNode; onClick(): void; color?: string; hidden?: boolean }) {
  // Hidden actions keep their room, so the other icons never shift between rows.
  if (hidden) return <span style={{ width: 28, display: "inline-block" }} aria-hidden />;
  return (
    <Tooltip label={label}>
      <ActionIcon variant="subtle" color={color ?? "gray"} aria-label={label} onClick={onClick}>
        {icon}
      </ActionIcon>
    </Tooltip>
  );
}
