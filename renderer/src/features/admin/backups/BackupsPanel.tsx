import { Badge, Button, Group, Paper, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiMutation, useApiQuery, type OpOutput } from "../../../api/queries";
import { PlusIcon } from "../../../ui/icons";
import { notifyError, notifySuccess } from "../../../ui/toasts";
import { formatDateTime } from "../../../i18n/zurichTime";
import { useSignedIn } from "../../../api/session";
import { formatBackupDate, formatBytes } from "./backupFormat";
import { RestoreConfirmModal } from "./RestoreConfirmModal";

type BackupList = OpOutput<"backups.list">;
type Backup = BackupList["backups"][number];

const KIND_COLORS: Record<Backup["kind"], string> = { auto: "gray", manual: "blue", "before-restore": "orange", "before-upgrade": "grape" };

/** The backups of the database: taken, listed with size and date, and put back after a confirmation. */
export function BackupsPanel() {
  const { t, i18n } = useTranslation();
  const { logout } = useSignedIn();
  const listQuery = useApiQuery("backups.list", {});
  const list = listQuery.data ?? null;
  const [chosen, setChosen] = useState<Backup | null>(null);
  const create = useApiMutation("backups.create", {
    onSuccess: (made) => notifySuccess(t("backups.created", { size: formatBytes(made.bytes, i18n.language) })),
  });
  const creating = create.isPending;
  // keepCache: the server ended every session, so nothing is read again here; the logout below
  // empties the cache (the restored file has its own accounts, roles and data).
  const restoreBackup = useApiMutation("backups.restore", { keepCache: true });
  const [restoring, setRestoring] = useState(false);

  function backupNow() {
    create.mutate({}, { onError: notifyError });
  }

  async function restore(backup: Backup) {
    setRestoring(true);
    try {
      await restoreBackup.mutateAsync({ name: backup.name });
      // The server ended every session: the restored file has its own accounts and roles, and every
      // screen's data is now stale. Going back to the login screen (rather than reloading into the
      // same session) is what every other desk sees too, on its next call.
      await logout();
      notifySuccess(t("backups.restored", { date: formatBackupDate(backup.at) }));
    } catch (error) {
      notifyError(error);
      setRestoring(false);
      setChosen(null);
      void listQuery.refetch();
    }
  }

  const backups = list?.backups ?? [];
  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="lg">
        <Stack gap={4} style={{ minWidth: 0 }}>
          {list && (
            <>
              <Text fz="sm">{t("backups.intro", { hours: list.intervalHours })}</Text>
              <Text fz="sm" c="dimmed">
                {t("backups.policy", { keep: list.keep, days: list.retentionDays, until: formatDateTime(list.heldUntil).slice(0, 10) })}
              </Text>
              <Text fz="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                {t("backups.folder")} <Text span ff="monospace" fz="xs">{list.folder}</Text>
              </Text>
              {/* A folder stored by an older version that cannot hold backups: said in the server's words, in the user's language. */}
              {list.folderProblem && (
                <Text fz="sm" c="orange.8" role="alert">
                  {list.folderProblem}
                </Text>
              )}
            </>
          )}
        </Stack>
        <Button leftSection={<PlusIcon size={16} />} loading={creating} onClick={backupNow} style={{ flex: "none" }}>
          {t("backups.backupNow")}
        </Button>
      </Group>

      <Paper withBorder radius="md" style={{ overflow: "hidden" }}>
        <Table highlightOnHover striped="even" aria-label={t("backups.tableLabel")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={200}>{t("backups.at")}</Table.Th>
              <Table.Th>{t("backups.kind")}</Table.Th>
              <Table.Th w={120} style={{ textAlign: "right" }}>
                {t("backups.size")}
              </Table.Th>
              <Table.Th w={1} style={{ textAlign: "right" }}>
                {t("backups.actions")}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {backups.map((backup) => {
              const date = formatBackupDate(backup.at);
              return (
                <Table.Tr key={backup.name}>
                  <Table.Td ff="monospace" fz="sm" title={backup.name}>
                    {date}
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={KIND_COLORS[backup.kind]} radius="sm">
                      {t(`backups.kinds.${backup.kind}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ textAlign: "right", fontVariantNumeric: "tabular-nums" }}>{formatBytes(backup.bytes, i18n.language)}</Table.Td>
                  <Table.Td style={{ textAlign: "right", whiteSpace: "nowrap" }}>
                    <Button size="compact-sm" variant="default" aria-label={t("backups.restoreLabel", { date })} onClick={() => setChosen(backup)}>
                      {t("backups.restore")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
            {list && backups.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4} ta="center" py="xl" c="dimmed">
                  {t("backups.empty")}
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Paper>
      <Text fz="xs" c="dimmed" aria-live="polite">
        {list ? t("backups.count", { count: backups.length }) : t("common.loading")}
      </Text>

      {chosen && (
        <RestoreConfirmModal date={formatBackupDate(chosen.at)} busy={restoring} onConfirm={() => void restore(chosen)} onClose={() => setChosen(null)} />
      )}
    </Stack>
  );
}
