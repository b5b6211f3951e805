import { Text, VisuallyHidden } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { DataTable, tableColumns } from "../../ui/DataTable";
import { UserText } from "../../ui/UserText";
import { isoToSwiss } from "../../i18n/zurichTime";
import { CheckIcon } from "./privacyIcons";
import { rowPerson, type RequestPage, type RequestRow } from "./privacyTypes";
import { DueDate, RequestStatusBadge } from "./RequestBadges";

// The server filters, orders (pending by due date) and slices.
const column = tableColumns<RequestRow>();
const WIDTHS: Record<string, number | undefined> = { reference: 136, kind: 210, channel: 124, receivedOn: 118, dueOn: 200, status: 110, identityChecked: 90 };

/** The register's rows, ↑/↓ and Enter like the lookup; an overdue request is marked red. */
export function RequestTable({
  page,
  loading,
  pagination,
  onPagination,
  emptyText,
}: {
  page: RequestPage | null;
  loading: boolean;
  pagination: { pageIndex: number; pageSize: number };
  onPagination(next: { pageIndex: number; pageSize: number }): void;
  emptyText: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();

  const columns = useMemo(
    () =>
      column.columns([
        column.accessor("reference", {
          header: t("privacy.columns.reference"),
          cell: (info) => (
            <Text span ff="monospace" fz="sm" fw={600}>
              {info.getValue()}
            </Text>
          ),
        }),
        column.accessor("person", {
          header: t("privacy.columns.person"),
          cell: (info) => {
            const name = rowPerson(info.getValue());
            return name ? (
              <UserText lines={1} title>
                {name}
              </UserText>
            ) : (
              <Text span fz="sm" c="dimmed" fs="italic">
                {t("privacy.erasedPerson")}
              </Text>
            );
          },
        }),
        column.accessor("kind", { header: t("privacy.columns.kind"), cell: (info) => t(`privacy.kinds.${info.getValue()}`) }),
        column.accessor("channel", { header: t("privacy.columns.channel"), cell: (info) => t(`privacy.channels.${info.getValue()}`) }),
        column.accessor("receivedOn", { header: t("privacy.columns.receivedOn"), cell: (info) => isoToSwiss(info.getValue()) }),
        column.accessor("dueOn", {
          header: t("privacy.columns.dueOn"),
          cell: (info) => <DueDate dueOn={info.getValue()} status={info.row.original.status} overdue={info.row.original.overdue} />,
        }),
        column.accessor("status", { header: t("privacy.columns.status"), cell: (info) => <RequestStatusBadge status={info.getValue()} /> }),
        column.accessor("identityChecked", {
          header: t("privacy.columns.identity"),
          cell: (info) =>
            info.getValue() ? (
              <Text span c="teal.8" title={t("privacy.identity.checkedShort")} style={{ display: "inline-flex" }}>
                <CheckIcon size={16} />
                <VisuallyHidden>{t("privacy.identity.checkedShort")}</VisuallyHidden>
              </Text>
            ) : (
              <Text span fz="sm" c="dimmed" title={t("privacy.identity.notCheckedShort")}>
                —<VisuallyHidden>{t("privacy.identity.notCheckedShort")}</VisuallyHidden>
              </Text>
            ),
        }),
      ]),
    [t],
  );

  return (
    <DataTable
      label={t("privacy.register.tableLabel")}
      columns={columns}
      rows={page?.rows}
      rowId={(row) => String(row.id)}
      loading={loading}
      empty={emptyText}
      widths={WIDTHS}
      onOpen={(row) => void navigate(`/privacy/requests/${row.id}`)}
      rowProps={(row) => ({
        "data-overdue": row.overdue || undefined,
        "aria-label": `${row.reference} · ${rowPerson(row.person) ?? t("privacy.erasedPerson")}${row.overdue ? ` · ${t("privacy.due.overdue")}` : ""}`,
        style: row.overdue ? { background: "var(--mantine-color-red-0)", boxShadow: "inset 4px 0 0 var(--mantine-color-red-7)" } : undefined,
      })}
      pager={{ ...pagination, rowCount: page?.total ?? 0, onChange: onPagination, emptyLabel: t("privacy.register.none") }}
    />
  );
}
