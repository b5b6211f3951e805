import { Badge, Button, Group, Text } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useApiMutation, useApiQuery } from "../../../api/queries";
import type { PublicUser } from "../../../api/types";
import { DataTable, tableColumns } from "../../../ui/DataTable";
import { EditIcon, KeyIcon, PlusIcon, UserOffIcon, UserOnIcon } from "../../../ui/icons";
import { notifyError, notifySuccess } from "../../../ui/toasts";
import { useSignedIn } from "../../../api/session";
import { ResetPasswordModal } from "./ResetPasswordModal";
import { UserFormModal, type UserFormMode } from "./UserFormModal";

const column = tableColumns<PublicUser>();
const WIDTHS: Record<string, number | undefined> = { username: 170, role: 130, language: 80, active: 100, actions: 430 };

type Dialog = UserFormMode | { kind: "password"; user: PublicUser } | null;

/**
 * The accounts. `children`: what the shell puts under the list (the export grants, which belong to
 * the exports feature).
 */
export function UsersPanel({ children }: { children?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { state, refresh } = useSignedIn();
  const list = useApiQuery("users.list", {});
  const users = list.data ?? null;
  const [dialog, setDialog] = useState<Dialog>(null);
  const activate = useApiMutation("users.update", {
    onSuccess: (user) => notifySuccess(t(user.active ? "users.reactivated" : "users.deactivated", { username: user.username })),
  });
  const pending = activate.isPending ? activate.variables.id : null;

  // Rebuilt each render: the actions cell shows which row is being saved.
  const columns = column.columns([
    column.accessor("username", {
      header: t("users.username"),
      cell: (info) => (
        <Text span ff="monospace" fz="sm">
          {info.getValue()}
        </Text>
      ),
    }),
    column.accessor("displayName", {
      header: t("users.displayName"),
      cell: (info) => (
        <>
          {info.getValue()}
          {info.row.original.id === state.user.id && (
            <Text span c="dimmed" fz="xs" ml={6}>
              ({t("users.you")})
            </Text>
          )}
        </>
      ),
    }),
    column.accessor("role", { header: t("users.role"), cell: (info) => t(`roles.${info.getValue()}`) }),
    column.accessor("language", { header: t("users.language"), cell: (info) => info.getValue().toUpperCase() }),
    column.accessor("active", {
      header: t("users.status"),
      cell: (info) => (
        <Badge variant="light" color={info.getValue() ? "teal" : "gray"} size="sm">
          {t(info.getValue() ? "users.active" : "users.inactive")}
        </Badge>
      ),
    }),
    column.display({
      id: "actions",
      header: () => (
        <Text span fz="sm" fw={700} display="block" ta="right">
          {t("users.actions")}
        </Text>
      ),
      cell: (info) => (
        <UserActions
          user={info.row.original}
          self={info.row.original.id === state.user.id}
          saving={pending === info.row.original.id}
          onEdit={(user) => setDialog({ kind: "edit", user })}
          onPassword={(user) => setDialog({ kind: "password", user })}
          onActive={setActive}
        />
      ),
    }),
  ]);

  function setActive(user: PublicUser, active: boolean) {
    // A refusal (someone changed the account meanwhile) shows the list as it now is.
    activate.mutate({ id: user.id, version: user.version, active }, { onError: (error) => { notifyError(error); void list.refetch(); } });
  }

  return (
    <>
      <Group justify="space-between" mb="sm">
        <Text fz="sm" c="dimmed" aria-live="polite">
          {users ? t("users.count", { count: users.length }) : t("common.loading")}
        </Text>
        <Button leftSection={<PlusIcon size={16} />} onClick={() => setDialog({ kind: "create" })}>
          {t("users.create")}
        </Button>
      </Group>
      <DataTable
        label={t("admin.tabs.users")}
        columns={columns}
        rows={users ?? undefined}
        rowId={(user) => String(user.id)}
        empty={t("users.count", { count: 0 })}
        widths={WIDTHS}
        striped="even"
        rowProps={(user) => ({ style: user.active ? undefined : { color: "var(--mantine-color-dimmed)" } })}
      />
      {children}

      {(dialog?.kind === "create" || dialog?.kind === "edit") && (
        <UserFormModal
          mode={dialog}
          onClose={() => setDialog(null)}
          onStale={() => void list.refetch()}
          onSaved={(user, created) => {
            setDialog(null);
            notifySuccess(t(created ? "users.created" : "users.saved", { username: user.username }));
            // Editing oneself changes this session's name, role or language too.
            if (user.id === state.user.id) {
              void i18n.changeLanguage(user.language);
              void refresh();
            }
          }}
        />
      )}
      {dialog?.kind === "password" && (
        <ResetPasswordModal
          user={dialog.user}
          onClose={() => setDialog(null)}
          onDone={() => {
            notifySuccess(t("users.passwordReset", { username: dialog.user.username }));
            setDialog(null);
          }}
        />
      )}
    </>
  );
}

/** A row's buttons: edit, reset the password, deactivate (never oneself) or reactivate. */
function UserActions({
  user,
  self,
  saving,
  onEdit,
  onPassword,
  onActive,
}: {
  user: PublicUser;
  self: boolean;
  saving: boolean;
  onEdit(user: PublicUser): void;
  onPassword(user: PublicUser): void;
  onActive(user: PublicUser, active: boolean): void;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      <Button size="compact-sm" variant="subtle" leftSection={<EditIcon size={15} />} aria-label={t("users.editLabel", { username: user.username })} onClick={() => onEdit(user)}>
        {t("users.edit")}
      </Button>
      <Button
        size="compact-sm"
        variant="subtle"
        leftSection={<KeyIcon size={15} />}
        aria-label={t("users.resetPasswordLabel", { username: user.username })}
        onClick={() => onPassword(user)}
      >
        {t("users.resetPassword")}
      </Button>
      {/* One button that turns the account off or back on; one's own account cannot be turned off. */}
      <Button
        size="compact-sm"
        variant="subtle"
        color={user.active ? "red" : "teal"}
        leftSection={user.active ? <UserOffIcon size={15} /> : <UserOnIcon size={15} />}
        aria-label={t(user.active ? "users.deactivateLabel" : "users.reactivateLabel", { username: user.username })}
        disabled={user.active && self}
        loading={saving}
        onClick={() => onActive(user, !user.active)}
        miw={128}
      >
        {t(user.active ? "users.deactivate" : "users.reactivate")}
      </Button>
    </Group>
  );
}
