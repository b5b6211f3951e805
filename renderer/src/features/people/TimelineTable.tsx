import { Anchor, Table, Text } from "@mantine/core";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { useId, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { formatDateTime } from "../../i18n/zurichTime";
import type { CardReport, CardTraining, Interaction, PersonCard } from "./types";
import { useActiveRow } from "../../ui/useActiveRow";

type TimelineRow =
  | { kind: "interaction"; key: string; at: number; item: Interaction }
  | { kind: "report"; key: string; at: number; item: CardReport }
  | { kind: "training"; key: string; at: number; item: CardTraining };

const features = tableFeatures({});
const column = createColumnHelper<typeof features, TimelineRow>();
const WIDTHS: Record<string, string> = { at: "136px", kind: "16%", subject: "19%", agent: "14%" };

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
 * The person's timeline (TanStack Table). Focus it with Tab; ↑/↓ move the active row and Enter
 * opens the error report of a report row.
 */
export function TimelineTable({ card }: { card: PersonCard }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
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
              <span style={{ whiteSpace: "pre-wrap" }}>{row.item.summary}</span>
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

  const table = useTable({ features, columns, data, getRowId: (row) => row.key });
  const open = (index: number) => {
    const row = data[index];
    if (row?.kind === "report") void navigate(`/reports/${row.item.id}`);
  };
  const rows = useActiveRow(data.length, open, { resetKey: card.id });

  if (data.length === 0)
    return (
      <Text fz="sm" c="dimmed" p="sm">
        {t("people.card.timelineEmpty")}
      </Text>
    );

  return (
    <Table
      role="grid"
      aria-readonly
      aria-label={t("people.card.timelineLabel")}
      aria-activedescendant={rows.active >= 0 ? `${id}-${rows.active}` : undefined}
      layout="fixed"
      tabIndex={0}
      onKeyDown={(event) => {
        if (rows.handleKey(event)) event.preventDefault();
      }}
      onFocus={() => {
        if (rows.active < 0) rows.setActive(0);
      }}
      style={{ outlineOffset: -2 }}
    >
      <Table.Thead>
        {table.getHeaderGroups().map((group) => (
          <Table.Tr key={group.id}>
            {group.headers.map((header) => (
              <Table.Th key={header.id} w={WIDTHS[header.column.id]}>
                {header.isPlaceholder ? null : <table.FlexRender header={header} />}
              </Table.Th>
            ))}
          </Table.Tr>
        ))}
      </Table.Thead>
      <Table.Tbody>
        {table.getRowModel().rows.map((row, index) => {
          const selected = index === rows.active;
          return (
            <Table.Tr
              key={row.id}
              id={`${id}-${index}`}
              aria-selected={selected}
              onClick={() => rows.setActive(index)}
              style={{ background: selected ? "var(--mantine-color-jet-0)" : undefined, boxShadow: selected ? "inset 3px 0 0 var(--mantine-color-jet-7)" : undefined }}
            >
              {row.getAllCells().map((cell) => (
                <Table.Td key={cell.id} style={{ verticalAlign: "top", overflowWrap: "anywhere" }}>
                  <table.FlexRender cell={cell} />
                </Table.Td>
              ))}
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
