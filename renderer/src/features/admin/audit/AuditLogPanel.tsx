import { Alert, Button, Group, Text } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { fetchApi, useApiQuery } from "../../../api/queries";
import { VerifyIcon } from "../../../ui/icons";
import { DataTable, tableColumns } from "../../../ui/DataTable";
import { UserText } from "../../../ui/UserText";
import { notifyError } from "../../../ui/toasts";
import { formatDateTime, zurichDayEnd, zurichDayStart } from "../../../i18n/zurichTime";
import { AuditFilters, NO_FILTERS, type AuditFilterValues } from "./AuditFilters";
import { entityLabel, fieldsLabel, operationLabel } from "./auditLabels";
import type { AuditDirectoryEntry, AuditListInput, AuditRow, AuditVerification } from "./auditTypes";

// The server filters, orders and slices.
const column = tableColumns<AuditRow>();
const NO_USERS: AuditDirectoryEntry[] = [];
// The user, operation and entity columns at a fixed share of a 1100 px table; the fields take the rest.
const WIDTHS: Record<string, number | undefined> = { at: 160, userId: 240, operation: 240, entity: 200 };

interface Paging {
  pageIndex: number;
  pageSize: number;
}

function toQuery(filters: AuditFilterValues, pagination: Paging): AuditListInput {
  return {
    page: pagination.pageIndex,
    pageSize: pagination.pageSize,
    ...(filters.userId !== null ? { userId: filters.userId } : {}),
    ...(filters.operation !== null ? { operation: filters.operation } : {}),
    ...(filters.from ? { from: zurichDayStart(filters.from) } : {}),
    ...(filters.to ? { to: zurichDayEnd(filters.to) } : {}),
  };
}

/** Who did what and when, without any personal data; paged, filtered and checked on the server. */
export function AuditLogPanel() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<AuditFilterValues>(NO_FILTERS);
  const [pagination, setPagination] = useState<Paging>({ pageIndex: 0, pageSize: 50 });
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifying, setVerifying] = useState(false);

  // The previous page stays on screen, dimmed, while the next one loads (no flash of an empty table).
  const list = useApiQuery("audit.list", toQuery(filters, pagination), { keepPrevious: true });
  const page = list.data ?? null;
  const loading = list.isPlaceholderData || list.isPending;
  const users = page?.users ?? NO_USERS;
  const usersById = useMemo(() => new Map(users.map((user) => [user.id, user])), [users]);

  const columns = useMemo(
    () =>
      column.columns([
        column.accessor("at", { header: t("audit.at"), cell: (info) => formatDateTime(info.getValue()) }),
        column.accessor("userId", {
          header: t("audit.user"),
          cell: (info) => {
            const id = info.getValue();
            if (id === null) return <Text span c="dimmed">{t("audit.system")}</Text>;
            const user = usersById.get(id);
            return user ? (
              <span title={`${user.displayName} (${user.username})`}>
                <UserText>{user.displayName}</UserText>{" "}
                <Text span c="dimmed" fz="xs">
                  (<UserText>{user.username}</UserText>)
                </Text>
              </span>
            ) : (
              `#${id}`
            );
          },
        }),
        column.accessor("operation", {
          header: t("audit.operation"),
          cell: (info) => <span title={info.getValue()}>{operationLabel(t, info.getValue())}</span>,
        }),
        column.accessor((row) => row, {
          id: "entity",
          header: t("audit.entity"),
          cell: (info) => {
            const { entityType, entityId } = info.getValue();
            if (!entityType) return <Text span c="dimmed">{t("audit.system")}</Text>;
            const named = entityType === "user" && entityId ? usersById.get(Number(entityId))?.username : undefined;
            return (
              <>
                {entityLabel(t, entityType)}
                {entityId ? ` #${entityId}` : ""}
                {named && (
                  <>
                    {" · "}
                    <UserText>{named}</UserText>
                  </>
                )}
              </>
            );
          },
        }),
        column.accessor("fields", { header: t("audit.fields"), cell: (info) => fieldsLabel(t, info.getValue()) }),
      ]),
    [t, usersById],
  );

  function changeFilters(next: AuditFilterValues) {
    setFilters(next);
    setPagination((p) => ({ ...p, pageIndex: 0 }));
  }

  async function verify() {
    setVerifying(true);
    try {
      // A fresh check each time it is asked for, never an answer from the cache.
      setVerification(await fetchApi("audit.verify", {}));
    } catch (error) {
      notifyError(error);
    } finally {
      setVerifying(false);
    }
  }


  return (
    <>
      <Group justify="space-between" align="flex-end" mb="sm" wrap="nowrap" gap="lg">
        <AuditFilters value={filters} onChange={changeFilters} users={users} operations={page?.operations ?? []} />
        <Button variant="default" leftSection={<VerifyIcon size={16} />} loading={verifying} onClick={() => void verify()} style={{ flex: "none" }}>
          {t("audit.verify")}
        </Button>
      </Group>

      {verification && (
        <Alert
          role="status"
          mb="sm"
          variant="light"
          color={verification.ok ? "teal" : "red"}
          withCloseButton
          onClose={() => setVerification(null)}
        >
          {verification.ok
            ? t("audit.verifyOk", { count: verification.checked })
            : verification.problems.map((problem) => (
                <div key={problem}>
                  {problem === "chain"
                    ? t("audit.verifyBroken", { id: verification.firstBrokenId, count: verification.checked })
                    : problem === "anchor"
                      ? t("audit.verifyAnchor", { count: verification.anchor?.entries ?? 0 })
                      : problem === "guards"
                        ? t("audit.verifyGuards")
                        : t("audit.verifyBoundary")}
                </div>
              ))}
        </Alert>
      )}

      <DataTable
        label={t("audit.tableLabel")}
        columns={columns}
        rows={page?.rows}
        rowId={(row) => String(row.id)}
        loading={loading}
        empty={t("audit.empty")}
        widths={WIDTHS}
        striped="even"
        pager={{ ...pagination, rowCount: page?.total ?? 0, onChange: setPagination, emptyLabel: t("audit.none") }}
      />
    </>
  );
}
