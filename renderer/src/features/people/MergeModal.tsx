import { Alert, Button, Radio, Stack, Text, TextInput } from "@mantine/core";
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiMutation, useTypedQuery } from "../../api/queries";
import { DataTable, dataTableRowId, tableColumns } from "../../ui/DataTable";
import { FormDialog } from "../../ui/FormDialog";
import { notifySuccess } from "../../ui/toasts";
import { useActiveRow } from "../../ui/useActiveRow";
import { personName } from "../../../../common/person-name";
import { formatDate } from "./callTime";
import type { PersonCard, SearchHit } from "./types";

export interface MergeCandidate {
  personId: number;
  firstName: string;
  lastName: string;
}

/**
 * Managers merge two cards of the same person: pick the other card (or come from a duplicate
 * warning with it chosen), say which one is kept, confirm with both names in front of you.
 */
export function MergeModal({ card, initial, onClose, onMerged }: { card: PersonCard; initial: MergeCandidate | null; onClose(): void; onMerged(keptId: number): void }) {
  const { t } = useTranslation();
  const [other, setOther] = useState<MergeCandidate | null>(initial);
  const [keepThis, setKeepThis] = useState(true);
  const mergeCards = useApiMutation("people.merge");
  const self: MergeCandidate = { personId: card.id, firstName: card.firstName, lastName: card.lastName };
  const kept = keepThis ? self : other;
  const removed = keepThis ? other : self;

  async function merge() {
    if (!kept || !removed) return;
    await mergeCards.mutateAsync({ keepId: kept.personId, removeId: removed.personId });
    notifySuccess(t("people.merge.done", { name: personName(kept) }));
    onMerged(kept.personId);
  }

  return (
    <FormDialog title={t("people.merge.title")} size="xl" submitLabel={t("people.merge.confirm")} danger submitDisabled={!other} onClose={onClose} onSubmit={merge}>
      {!other ? (
        <PickOther card={card} onPick={setOther} />
      ) : (
        <Stack gap="md">
          <Radio.Group label={t("people.merge.keep")} value={keepThis ? "this" : "other"} onChange={(v) => setKeepThis(v === "this")}>
            <Stack gap={6} mt={6}>
              <Radio value="this" label={t("people.merge.keepOption", { name: personName(self), id: self.personId })} data-autofocus />
              <Radio value="other" label={t("people.merge.keepOption", { name: personName(other), id: other.personId })} />
            </Stack>
          </Radio.Group>
          {kept && removed && (
            <Alert variant="light" color="red" role="note">
              <Text fz="sm">
                {t("people.merge.summary", { removed: personName(removed), removedId: removed.personId, kept: personName(kept), keptId: kept.personId })}
              </Text>
              <Text fz="sm" mt={6} fw={600}>
                {t("people.merge.irreversible")}
              </Text>
            </Alert>
          )}
          <div>
            <Button variant="subtle" onClick={() => setOther(null)}>
              {t("people.merge.back")}
            </Button>
          </div>
        </Stack>
      )}
    </FormDialog>
  );
}

const column = tableColumns<SearchHit>();

function PickOther({ card, onPick }: { card: PersonCard; onPick(candidate: MergeCandidate): void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const id = useId();
  const q = query.trim();
  // Only the answer to what is typed now: no card can be picked from the answer to older text.
  const search = useTypedQuery("people.search", query, (text) => ({ q: text.trim() }));
  const hits = useMemo(() => (search.data ?? []).filter((h) => h.personId !== card.id), [search.data, card.id]);
  const pick = (index: number) => {
    const hit = hits[index];
    if (hit) onPick(hit);
  };
  const rows = useActiveRow(hits.length, pick, { resetKey: search.data, initial: 0 });

  const columns = useMemo(
    () =>
      column.columns([
        column.accessor((hit) => hit, {
          id: "name",
          header: t("people.lookup.columns.name"),
          cell: (info) => (
            <>
              <Text span fz="sm" fw={600}>
                {personName(info.getValue())}
              </Text>{" "}
              <Text span fz="xs" c="dimmed">
                {t("people.duplicates.number", { id: info.getValue().personId })}
              </Text>
            </>
          ),
        }),
        column.accessor("company", { header: t("people.lookup.columns.company"), cell: (info) => info.getValue() ?? "" }),
        column.accessor("city", { header: t("people.lookup.columns.city"), cell: (info) => info.getValue() ?? "" }),
        column.accessor("primaryPhone", {
          header: t("people.lookup.columns.phone"),
          cell: (info) => <span style={{ fontVariantNumeric: "tabular-nums" }}>{info.getValue() ?? ""}</span>,
        }),
        column.accessor("lastContactAt", {
          header: t("people.lookup.columns.lastContact"),
          cell: (info) => {
            const at = info.getValue();
            return at ? formatDate(at) : "";
          },
        }),
      ]),
    [t],
  );

  return (
    <Stack gap="sm">
      <TextInput
        label={t("people.merge.pick", { name: personName(card) })}
        placeholder={t("people.merge.pickPlaceholder")}
        description={t("people.merge.pickHint")}
        inputWrapperOrder={["label", "input", "description"]}
        data-autofocus
        autoComplete="off"
        maxLength={200}
        value={query}
        aria-controls={id}
        aria-activedescendant={rows.active >= 0 && hits.length ? dataTableRowId(id, rows.active) : undefined}
        onChange={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          // Enter picks the marked card; it never submits the dialog.
          if (e.key === "Enter") e.preventDefault();
          if (rows.handleKey(e, false)) e.preventDefault();
        }}
      />
      <div style={{ minHeight: 180 }}>
        {q !== "" && (
          <DataTable<SearchHit>
            id={id}
            label={t("people.merge.pickTableLabel")}
            columns={columns}
            rows={search.data ? hits : undefined}
            rowId={(hit) => String(hit.personId)}
            loading={search.isFetching}
            empty={t("people.merge.noCandidate")}
            activeRow={rows}
            onOpen={(hit) => onPick(hit)}
            widths={{ lastContactAt: 110 }}
          />
        )}
      </div>
    </Stack>
  );
}
