import { Badge, Button, Group, Paper, Table, Text } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useApiMutation, useApiQuery } from "../../../api/queries";
import type { PublicUser } from "../../../api/types";
import { EditIcon, KeyIcon, PlusIcon, UserOffIcon, UserOnIcon } from "../../../ui/icons";
import { notifyError, notifySuccess } from "../../../ui/toasts";
import { useSignedIn } from "../../../api/session";
import { ResetPasswordModal } from "./ResetPasswordModal";
import { UserFormModal, type UserFormMode } from "./UserFormModal";

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
      <Paper withBorder radius="md" style={{ overflow: "hidden" }}>
        <Table highlightOnHover striped="even" stickyHeader aria-label={t("admin.tabs.users")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="18%">{t("users.username")}</Table.Th>
              <Table.Th>{t("users.displayName")}</Table.Th>
              <Table.Th w="14%">{t("users.role")}</Table.Th>
              <Table.Th w="9%">{t("users.language")}</Table.Th>
              <Table.Th w="10%">{t("users.status")}</Table.Th>
              <Table.Th w={1} style={{ textAlign: "right" }}>
                {t("users.actions")}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(users ?? []).map((user) => {
              const self = user.id === state.user.id;
              return (
                <Table.Tr key={user.id} c={user.active ? undefined : "dimmed"}>
                  <Table.Td ff="monospace" fz="sm">
                    {user.username}
                  </Table.Td>
                  <Table.Td>
                    {user.displayName}
                    {self && (
                      <Text span c="dimmed" fz="xs" ml={6}>
                        ({t("users.you")})
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{t(`roles.${user.role}`)}</Table.Td>
                  <Table.Td>{user.language.toUpperCase()}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={user.active ? "teal" : "gray"} size="sm">
                      {t(user.active ? "users.active" : "users.inactive")}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        leftSection={<EditIcon size={15} />}
                        aria-label={t("users.editLabel", { username: user.username })}
                        onClick={() => setDialog({ kind: "edit", user })}
                      >
                        {t("users.edit")}
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        leftSection={<KeyIcon size={15} />}
                        aria-label={t("users.resetPasswordLabel", { username: user.username })}
                        onClick={() => setDialog({ kind: "password", user })}
                      >
                        {t("users.resetPassword")}
                      </Button>
                      {user.active ? (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          leftSection={<UserOffIcon size={15} />}
                          aria-label={t("users.deactivateLabel", { username: user.username })}
                          disabled={self}
                          loading={pending === user.id}
                          onClick={() => setActive(user, false)}
                          miw={128}
                        >
                          {t("users.deactivate")}
                        </Button>
                      ) : (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="teal"
                          leftSection={<UserOnIcon size={15} />}
                          aria-label={t("users.reactivateLabel", { username: user.username })}
                          loading={pending === user.id}
                          onClick={() => setActive(user, true)}
                          miw={128}
                        >
                          {t("users.reactivate")}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
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
