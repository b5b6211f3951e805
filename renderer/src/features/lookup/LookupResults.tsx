import { Anchor, Badge, Table, Text } from "@mantine/core";
import { createColumnHelper, tableFeatures, useTable } from "@tanstack/react-table";
import { useMemo, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDateTime } from "../../i18n/zurichTime";
import type { Salutation } from "../../../../common/enums";
import { personName } from "../../../../common/person-name";
import type { SearchHit } from "./types";

const features = tableFeatures({});
const column = createColumnHelper<typeof features, SearchHit>();
const WIDTHS: Record<string, string> = { name: "24%", company: "19%", city: "12%", phone: "17%", lastContact: "11%", matchedBy: "17%" };
const cellStyle = { overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" } as const;

export const rowId = (listId: string, index: number) => `${listId}-row-${index}`;

/**
 * Result rows, best match first. The active row is the one Enter opens; it is marked for sight
 * (background and left bar) and for screen readers (aria-selected + the box's activedescendant).
 */
export function LookupResults({
  listId,
  label,
  hits,
  active,
  setActive,
  onOpen,
  onKeyDown,
  stale,
}: {
  listId: string;
  label: string;
  hits: SearchHit[];
  active: number;
  setActive(index: number): void;
  onOpen(index: number): void;
  onKeyDown(event: KeyboardEvent): void;
  /** Older results shown while the newer ones are on their way. */
  stale: boolean;
}) {
  const { t } = useTranslation();

  const columns = useMemo(
    () =>
      column.columns([
        column.accessor((hit) => hit, {
          id: "name",
          header: t("people.lookup.columns.name"),
          cell: (info) => {
            const hit = info.getValue();
            const salutation = hit.salutation ? t(`people.salutations.${hit.salutation as Salutation}`) : "";
            return (
              <Anchor component={Link} to={`/people/${hit.personId}`} fw={600} c="inherit" tabIndex={-1}>
                {salutation && (
                  <Text span c="dimmed" fz="sm" mr={4}>
                    {salutation}
                  </Text>
                )}
                {personName(hit)}
              </Anchor>
            );
          },
        }),
        column.accessor("company", { header: t("people.lookup.columns.company"), cell: (info) => info.getValue() ?? "" }),
        column.accessor("city", { header: t("people.lookup.columns.city"), cell: (info) => info.getValue() ?? "" }),
        column.accessor("primaryPhone", {
          id: "phone",
          header: t("people.lookup.columns.phone"),
          cell: (info) => <span style={{ fontVariantNumeric: "tabular-nums" }}>{info.getValue() ?? ""}</span>,
        }),
        column.accessor("lastContactAt", {
          id: "lastContact",
          header: t("people.lookup.columns.lastContact"),
          cell: (info) => {
            const at = info.getValue();
            return at ? <span style={{ fontVariantNumeric: "tabular-nums" }}>{formatDateTime(at).slice(0, 10)}</span> : <Text span c="dimmed">—</Text>;
          },
        }),
        column.accessor("matchedBy", {
          id: "matchedBy",
          header: t("people.lookup.columns.matchedBy"),
          cell: (info) => {
            const by = info.getValue();
            // An exact kind of match (number, address) stands out; a text match is the ordinary case.
            return by === "phone" || by === "email" ? (
              <Badge variant="light" size="sm">
                {t(`people.lookup.matched.${by}`)}
              </Badge>
            ) : (
              <Text span fz="xs" c="dimmed">
                {t(`people.lookup.matched.${by}`)}
              </Text>
            );
          },
        }),
      ]),
    [t],
  );

  const table = useTable({ features, columns, data: hits, getRowId: (hit) => String(hit.personId) });

  return (
    <Table
      id={listId}
      role="grid"
      aria-label={label}
      aria-readonly
      aria-busy={stale}
      layout="fixed"
      highlightOnHover
      tabIndex={0}
      onKeyDown={onKeyDown}
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
      <Table.Tbody style={{ opacity: stale ? 0.55 : 1, transition: "opacity 120ms" }}>
        {table.getRowModel().rows.map((row, index) => {
          const selected = index === active;
          return (
            <Table.Tr
              key={row.id}
              id={rowId(listId, index)}
              aria-selected={selected}
              onMouseMove={() => {
                if (!selected) setActive(index);
              }}
              onClick={(event) => {
                // The name link navigates by itself.
                if (!(event.target as HTMLElement).closest("a")) onOpen(index);
              }}
              style={{
                cursor: "pointer",
                background: selected ? "var(--mantine-color-jet-0)" : undefined,
                boxShadow: selected ? "inset 3px 0 0 var(--mantine-color-jet-7)" : undefined,
              }}
            >
              {row.getAllCells().map((cell) => (
                <Table.Td key={cell.id} style={cellStyle}>
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
