import { Alert, Button, Group, List, Paper, Stack, Table, Text } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { fetchApi, useApiQuery, type OpOutput } from "../../../api/queries";
import { useCan } from "../../../api/capabilities";
import type { FileDiagnostics, ServerDiagnostics } from "../../../../../common/contract/diagnostics";
import { VerifyIcon } from "../../../ui/icons";
import { notifyError } from "../../../ui/toasts";
import { formatDateTime } from "../../../i18n/zurichTime";
import { formatBackupDate, formatBytes } from "../backups/backupFormat";

type Integrity = OpOutput<"diagnostics.integrityCheck">;

/** What support asks for on the phone, in one place, and an integrity check on demand. */
export function DiagnosticsPanel() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const info = useApiQuery("diagnostics.get", {}).data ?? null;
  const [integrity, setIntegrity] = useState<Integrity | null>(null);
  const [checking, setChecking] = useState(false);

  async function check() {
    setChecking(true);
    try {
      // A fresh check each time it is asked for, never an answer from the cache.
      setIntegrity(await fetchApi("diagnostics.integrityCheck", {}));
    } catch (error) {
      notifyError(error);
    } finally {
      setChecking(false);
    }
  }

  const unknown = t("diagnostics.unknown");
  const path = (value: string | null) =>
    value ? (
      <Text span ff="monospace" fz="xs" style={{ overflowWrap: "anywhere" }}>
        {value}
      </Text>
    ) : (
      unknown
    );
  const rows: [string, ReactNode][] = !info
    ? []
    : [
        [t("diagnostics.appVersion"), info.appVersion ?? unknown],
        [t("diagnostics.schemaVersion"), String(info.schemaVersion)],
        [t("diagnostics.runtime"), info.runtime],
        ...(info.engine === "pg" ? serverRows(info) : fileRows(info)),
        [t("diagnostics.logFolder"), path(info.logFolder)],
      ];

  /** A team server on PostgreSQL: the server's state, and how IT backs it up. */
  function serverRows(info: ServerDiagnostics): [string, ReactNode][] {
    const { server } = info;
    const archiving =
      server.archiveMode === "off" ? (
        t("diagnostics.server.archivingOff", { level: server.walLevel })
      ) : (
        <>
          {server.archiver.lastArchivedAt === null
            ? t("diagnostics.server.archivingNone")
            : t("diagnostics.server.archivingOn", { count: server.archiver.archivedCount, time: formatDateTime(server.archiver.lastArchivedAt) })}
          {server.archiver.failedCount > 0 && server.archiver.lastFailedAt !== null && (
            <Text fz="sm" c="orange.8">
              {t("diagnostics.server.archivingFailed", { count: server.archiver.failedCount, time: formatDateTime(server.archiver.lastFailedAt) })}
            </Text>
          )}
        </>
      );
    return [
      [t("diagnostics.server.database"), t("diagnostics.server.databaseOnServer", { version: server.serverVersion, where: info.where })],
      [t("diagnostics.databaseSize"), formatBytes(server.databaseBytes, i18n.language)],
      [t("diagnostics.server.connections"), String(server.connections)],
      [t("diagnostics.server.backupsByIt"), t("diagnostics.server.backupsByItText")],
      [t("diagnostics.server.walArchiving"), archiving],
      [
        t("diagnostics.server.standbys"),
        server.standbys.length === 0
          ? t("diagnostics.server.noStandby")
          : server.standbys.map((s) => t("diagnostics.server.standby", { name: s.name, state: s.state ?? unknown, lag: s.replayLagMs === null ? unknown : `${s.replayLagMs} ms` })).join(" · "),
      ],
      [t("diagnostics.server.erasureVacuum"), info.vacuumsAfterErasure ? t("diagnostics.server.vacuumYes") : t("diagnostics.server.vacuumNo")],
      [t("diagnostics.server.integrityOnServer"), t("diagnostics.server.integrityOnServerText")],
    ];
  }

  /** A SQLite file: its size, its last backup, where it and its backups are. */
  function fileRows(info: FileDiagnostics): [string, ReactNode][] {
    return [
      [t("diagnostics.databaseSize"), formatBytes(info.databaseBytes, i18n.language)],
      [
        t("diagnostics.lastBackup"),
        info.lastBackup
          ? `${formatBackupDate(info.lastBackup.at)} · ${t(`backups.kinds.${info.lastBackup.kind}`)} · ${formatBytes(info.lastBackup.bytes, i18n.language)}`
          : t("diagnostics.noBackup"),
      ],
      [t("diagnostics.databaseFile"), path(info.databaseFile)],
      [
        t("diagnostics.backupFolder"),
        info.backupFolderProblem ? (
          <>
            {path(info.backupFolder)}
            <Text fz="sm" c="orange.8">
              {info.backupFolderProblem}
            </Text>
          </>
        ) : (
          path(info.backupFolder)
        ),
      ],
    ];
  }

  return (
    <Stack gap="sm" maw={900}>
      <Paper withBorder radius="md" style={{ overflow: "hidden" }}>
        <Table aria-label={t("diagnostics.tableLabel")} aria-busy={!info} verticalSpacing={6}>
          <Table.Tbody>
            {rows.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th scope="row" w={260} fw={500} c="dimmed">
                  {label}
                </Table.Th>
                <Table.Td>{value}</Table.Td>
              </Table.Tr>
            ))}
            {!info && (
              <Table.Tr>
                <Table.Td ta="center" py="xl" c="dimmed">
                  {t("common.loading")}
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Paper>

      {/* A SQLite file's own check; a PostgreSQL server's are its own and IT's (see the table). */}
      {can("diagnostics.integrityCheck") && (
        <Group>
          <Button variant="default" leftSection={<VerifyIcon size={16} />} loading={checking} onClick={() => void check()}>
            {t("diagnostics.integrity.run")}
          </Button>
        </Group>
      )}
      {integrity && (
        <Alert role="status" variant="light" color={integrity.ok ? "teal" : "red"} withCloseButton onClose={() => setIntegrity(null)}>
          {integrity.ok ? (
            t("diagnostics.integrity.ok", { ms: integrity.ms, time: formatDateTime(integrity.checkedAt) })
          ) : (
            <>
              <Text fz="sm" fw={500}>
                {t("diagnostics.integrity.broken")}
              </Text>
              <List size="sm" mt={4}>
                {integrity.problems.map((problem) => (
                  <List.Item key={problem}>{problem}</List.Item>
                ))}
                {integrity.foreignKeyProblems > 0 && <List.Item>{t("diagnostics.integrity.foreignKeys", { count: integrity.foreignKeyProblems })}</List.Item>}
              </List>
            </>
          )}
        </Alert>
      )}
    </Stack>
  );
}
