import { Alert, Button, Group, Modal, Radio, Stack, Table, Text, TextInput } from "@mantine/core";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiMutation, useTypedQuery } from "../../api/queries";
import { notifyError, notifySuccess } from "../../ui/toasts";
import { formatDate } from "./callTime";
import type { PersonCard } from "./types";
import { useActiveRow } from "../../ui/useActiveRow";
import { personName } from "../../../../common/person-name";

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
  const [busy, setBusy] = useState(false);
  const self: MergeCandidate = { personId: card.id, firstName: card.firstName, lastName: card.lastName };

  async function merge() {
    if (!other) return;
    const kept = keepThis ? self : other;
    const removed = keepThis ? other : self;
    setBusy(true);
    try {
      await mergeCards.mutateAsync({ keepId: kept.personId, removeId: removed.personId });
      notifySuccess(t("people.merge.done", { name: personName(kept) }));
      onMerged(kept.personId);
    } catch (error) {
      notifyError(error);
      setBusy(false);
    }
  }

  const kept = keepThis ? self : other;
  const removed = keepThis ? other : self;

  return (
    <Modal opened onClose={onClose} title={t("people.merge.title")} size="xl">
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
          <Group justify="space-between">
            <Button variant="subtle" onClick={() => setOther(null)}>
              {t("people.merge.back")}
            </Button>
            <Group gap="xs">
              <Button variant="default" onClick={onClose}>
                {t("common.cancel")}
              </Button>
              <Button color="red" loading={busy} onClick={() => void merge()}>
                {t("people.merge.confirm")}
              </Button>
            </Group>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function PickOther({ card, onPick }: { card: PersonCard; onPick(candidate: MergeCandidate): void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const id = useId();
  const q = query.trim();
  // Only the answer to what is typed now: no card can be picked from the answer to older text.
  const search = useTypedQuery("people.search", query, (text) => ({ q: text.trim() }));
  const pending = search.isFetching;
  const hits = (q !== "" && search.data ? search.data : []).filter((h) => h.personId !== card.id);
  const pick = (index: number) => {
    const hit = hits[index];
    if (hit) onPick(hit);
  };
  const rows = useActiveRow(hits.length, pick, { resetKey: search.data, initial: 0 });

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
        aria-activedescendant={rows.active >= 0 && hits.length ? `${id}-${rows.active}` : undefined}
        onChange={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") e.preventDefault();
          if (rows.handleKey(e, false)) e.preventDefault();
        }}
      />
      <div style={{ minHeight: 180 }}>
        {q !== "" && search.data && hits.length === 0 ? (
          <Text fz="sm" c="dimmed">
            {t("people.merge.noCandidate")}
          </Text>
        ) : (
          hits.length > 0 && (
            <Table id={id} role="grid" aria-label={t("people.merge.pickTableLabel")} highlightOnHover style={{ opacity: pending ? 0.55 : 1 }}>
              <Table.Tbody>
                {hits.map((hit, index) => (
                  <Table.Tr
                    key={hit.personId}
                    id={`${id}-${index}`}
                    aria-selected={index === rows.active}
                    onClick={() => onPick(hit)}
                    style={{ cursor: "pointer", background: index === rows.active ? "var(--mantine-color-jet-0)" : undefined }}
                  >
                    <Table.Td fw={600}>{personName(hit)}</Table.Td>
                    <Table.Td c="dimmed">{t("people.duplicates.number", { id: hit.personId })}</Table.Td>
                    <Table.Td>{hit.company ?? ""}</Table.Td>
                    <Table.Td>{hit.city ?? ""}</Table.Td>
                    <Table.Td style={{ fontVariantNumeric: "tabular-nums" }}>{hit.primaryPhone ?? ""}</Table.Td>
                    <Table.Td>{hit.lastContactAt ? formatDate(hit.lastContactAt) : ""}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )
        )}
      </div>
    </Stack>
  );
}
