import { Anchor, Text } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { formatDateTime } from "../../i18n/zurichTime";
import type { CardReport, CardTraining, Interaction, PersonCard } from "./types";
import { DataTable, tableColumns } from "../../ui/DataTable";
import { UserText } from "../../ui/UserText";

type TimelineRow =
  | { kind: "interaction"; key: string; at: number; item: Interaction }
  | { kind: "report"; key: string; at: number; item: CardReport }
  | { kind: "training"; key: string; at: number; item: CardTraining };

const column = tableColumns<TimelineRow>();
const WIDTHS = { at: 136, kind: 130, subject: 160, agent: 120 };

/** Calls, error reports and training requests in one list, newest first. */
export function timelineOf(card: PersonCard): TimelineRow[] {
  const rows: TimelineRow[] = [
    ...card.timeline.map((item) => ({ kind: "interaction" as const, key: `i${item.id}`, at: item.at, item })),
    ...card.reports.map((item) => ({ kind: "report" as const, key: `r${item.id}`, at: item.createdAt, item })),
    ...card.training.map((item) => ({ kind: "training" as const, key: `t${item.id}`, at: item.createdAt, item })),
  ];
  // Stable for equal times: the server's newest-first order within each kind is kept.
  return rows.sort((a, b) => b.at - a.at);
}

/**
 * The person's timeline (the kit's table). Focus it with Tab; ↑/↓ move the active row and Enter
 * (or a click) opens the error report of a report row.
 */
export function TimelineTable({ card }: { card: PersonCard }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const data = useMemo(() => timelineOf(card), [card]);

  const columns = useMemo(
    () =>
      column.columns([
        column.accessor("at", {
          header: t("people.card.when"),
          cell: (info) => <span style={{ fontVariantNumeric: "tabular-nums", whiteSpace: "nowrap" }}>{formatDateTime(info.getValue())}</span>,
        }),
        column.accessor((row) => row, {
          id: "kind",
          header: t("people.card.kind"),
          cell: (info) => {
            const row = info.getValue();
            if (row.kind === "interaction") return t(`people.channels.${row.item.channel}`);
            return (
              <Text span fz="sm" fw={600} c={row.kind === "report" ? "red.8" : "grape.8"}>
                {t(row.kind === "report" ? "people.card.reportEntry" : "people.card.trainingEntry")}
              </Text>
            );
          },
        }),
        column.accessor((row) => row, {
          id: "subject",
          header: t("people.card.subject"),
          cell: (info) => {
            const row = info.getValue();
            if (row.kind === "interaction") return t(`people.purposes.${row.item.purpose}`);
            if (row.kind === "report")
              return (
                <>
                  <Anchor component={Link} to={`/reports/${row.item.id}`} fz="sm" ff="monospace" tabIndex={-1}>
                    {row.item.reference}
                  </Anchor>{" "}
                  <Text span fz="xs" c="dimmed">
                    {t(`people.reportStatuses.${row.item.status}`)}
                  </Text>
                </>
              );
            return (
              <>
                <Text span fz="sm" ff="monospace">
                  {row.item.courseCode}
                </Text>{" "}
                <Text span fz="xs" c="dimmed">
                  {t(`people.trainingStatuses.${row.item.status}`)}
                </Text>
              </>
            );
          },
        }),
        column.accessor((row) => row, {
          id: "summary",
          header: t("people.card.summary"),
          cell: (info) => {
            const row = info.getValue();
            if (row.kind === "report") return row.item.title;
            if (row.kind === "training") return `${row.item.courseTitle} · ${t("people.card.participants", { count: row.item.participants })}`;
            return row.item.summary ? (
              <UserText style={{ whiteSpace: "pre-wrap" }}>{row.item.summary}</UserText>
            ) : (
              <Text span c="dimmed" fz="sm">
                {t("people.card.noSummary")}
              </Text>
            );
          },
        }),
        column.accessor((row) => (row.kind === "interaction" ? row.item.agent : null), {
          id: "agent",
          header: t("people.card.agent"),
          cell: (info) => info.getValue() ?? "",
        }),
      ]),
    [t],
  );

  const open = (row: TimelineRow) => {
    if (row.kind === "report") void navigate(`/reports/${row.item.id}`);
  };

  return (
    <DataTable<TimelineRow>
      label={t("people.card.timelineLabel")}
      columns={columns}
      rows={data}
      rowId={(row) => row.key}
      empty={t("people.card.timelineEmpty")}
      widths={WIDTHS}
      cells="wrap"
      activeRow
      activeRowResetKey={card.id}
      onOpen={open}
      bare
    />
  );
}
