import { Badge } from "@mantine/core";
import { memo, useCallback, useLayoutEffect, useMemo, useRef, type CSSProperties } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDate } from "../../i18n/zurichTime";
import { formatPhone } from "../../../../common/phone";
import { DataTable, tableColumns, type ActiveRowHandle } from "../../ui/DataTable";
import type { Salutation } from "../../../../common/enums";
import { personName } from "../../../../common/person-name";
import type { SearchHit } from "./types";
import { UserText } from "../../ui/UserText";

const column = tableColumns<SearchHit>();
// Fixed widths for the other columns: the name takes what the window leaves.
const WIDTHS = { company: 150, city: 100, phone: 135, lastContact: 110, matchedBy: 165 };

const INERT = { pointerEvents: "none" } as const;
// Plain elements with the kit's variables in the cells: 20 rows re-render at every answer while
// the agent types, and Mantine's Text/Anchor cost more per cell than the cell itself.
const NAME: CSSProperties = { color: "inherit", fontWeight: 600, textDecoration: "none" };
const DIMMED: CSSProperties = { color: "var(--mantine-color-dimmed)" };
const SALUTATION: CSSProperties = { ...DIMMED, fontSize: "var(--mantine-font-size-sm)", fontWeight: 400, marginRight: 4 };
const MATCHED_BY: CSSProperties = { ...DIMMED, fontSize: "var(--mantine-font-size-xs)" };
const DIGITS: CSSProperties = { fontVariantNumeric: "tabular-nums" };
/** No row marked, and no key or pointer marks one: for rows that answer older text. */
const NO_MARK: ActiveRowHandle = { active: -1, setActive: () => undefined, move: () => undefined, handleKey: () => false };

/** A header that goes onto two lines in a narrow column ("Téléphone principal") rather than being cut. */
function WrappingHeader({ text }: { text: string }) {
  return <span style={{ whiteSpace: "normal" }}>{text}</span>;
}

/**
 * Result rows, best match first. The active row is the one Enter opens; it is marked for sight
 * (background and left bar) and for screen readers (aria-selected + the box's activedescendant).
 */
export function LookupResults(props: LookupResultsProps) {
  // The table renders again only when what it shows changes (rows, marker, dimming), not at every
  // key typed while an answer is on its way; its handlers read the latest props when they run.
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  const { rows } = props;
  const { active, setActive, move } = rows;
  const marker = useMemo<ActiveRowHandle>(
    () => ({ active, setActive, move, handleKey: (event, withHomeEnd) => latest.current.rows.handleKey(event, withHomeEnd) }),
    [active, setActive, move],
  );
  const onOpen = useCallback((index: number) => latest.current.onOpen(index), []);
  return <ResultsTable listId={props.listId} label={props.label} hits={props.hits} stale={props.stale} searching={props.searching} rows={marker} onOpen={onOpen} />;
}

interface LookupResultsProps {
  listId: string;
  label: string;
  hits: SearchHit[];
  /**
   * The rows answer older text (the answer to the text in the box is on its way): they stay on
   * view, dimmed, so the list does not blink at every key, but nothing in them can be marked or
   * opened — not by the mouse either.
   */
  stale: boolean;
  /** The active row, moved from the search box as well as from the table. */
  rows: ActiveRowHandle;
  onOpen(index: number): void;
  /** The answer to the text in the box is on its way. */
  searching: boolean;
}

const ResultsTable = memo(function ResultsTable({ listId, label, hits, stale, rows, onOpen, searching }: LookupResultsProps) {
  const { t } = useTranslation();

  const columns = useMemo(
    () =>
      column.columns([
        column.accessor((hit) => hit, {
          id: "name",
          header: () => <WrappingHeader text={t("people.lookup.columns.name")} />,
          cell: (info) => {
            const hit = info.getValue();
            const salutation = hit.salutation ? t(`people.salutations.${hit.salutation as Salutation}`) : "";
            return (
              <Link to={`/people/${hit.personId}`} style={NAME} tabIndex={-1}>
                {salutation && <span style={SALUTATION}>{salutation}</span>}
                <UserText>{personName(hit)}</UserText>
              </Link>
            );
          },
        }),
        column.accessor("company", { header: () => <WrappingHeader text={t("people.lookup.columns.company")} />, cell: (info) => <UserText>{info.getValue()}</UserText> }),
        column.accessor("city", { header: () => <WrappingHeader text={t("people.lookup.columns.city")} />, cell: (info) => <UserText>{info.getValue()}</UserText> }),
        column.accessor("primaryPhone", {
          id: "phone",
          header: () => <WrappingHeader text={t("people.lookup.columns.phone")} />,
          // E.164 in the answer, as every number the API sends; shown the Swiss way.
          cell: (info) => {
            const e164 = info.getValue();
            return <span style={DIGITS}>{e164 ? formatPhone(e164) : ""}</span>;
          },
        }),
        column.accessor("lastContactAt", {
          id: "lastContact",
          header: () => <WrappingHeader text={t("people.lookup.columns.lastContact")} />,
          cell: (info) => {
            const at = info.getValue();
            return at ? <span style={DIGITS}>{formatDate(at)}</span> : <span style={DIMMED}>—</span>;
          },
        }),
        column.accessor("matchedBy", {
          id: "matchedBy",
          header: () => <WrappingHeader text={t("people.lookup.columns.matchedBy")} />,
          cell: (info) => {
            const by = info.getValue();
            // An exact kind of match (number, address) stands out; a text match is the ordinary case.
            return by === "phone" || by === "email" ? (
              <Badge variant="light" size="sm">
                {t(`people.lookup.matched.${by}`)}
              </Badge>
            ) : (
              <span style={MATCHED_BY}>{t(`people.lookup.matched.${by}`)}</span>
            );
          },
        }),
      ]),
    [t],
  );

  return (
    <div style={stale ? INERT : undefined} aria-busy={stale || undefined}>
      <DataTable<SearchHit>
        id={listId}
        label={label}
        columns={columns}
        // Nothing of an older answer while the new one comes: a loading row instead.
        rows={searching && hits.length === 0 ? undefined : hits}
        rowId={(hit) => String(hit.personId)}
        loading={searching}
        empty={null}
        widths={WIDTHS}
        activeRow={stale ? NO_MARK : rows}
        onOpen={stale ? undefined : (_hit, index) => onOpen(index)}
        bare
      />
    </div>
  );
});
