import { Alert, Button, Radio, Stack, Text } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiMutation } from "../../api/queries";
import { FormDialog } from "../../ui/FormDialog";
import { notifySuccess } from "../../ui/toasts";
import { operationSource, Typeahead } from "../../ui/Typeahead";
import { personName } from "../../../../common/person-name";
import { formatPhone } from "../../../../common/phone";
import { formatDate } from "../../i18n/zurichTime";
import type { PersonCard } from "./types";

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

/** A card found by the lookup's search, with what tells two namesakes apart. */
interface Found extends MergeCandidate {
  detail: string;
}

function PickOther({ card, onPick }: { card: PersonCard; onPick(candidate: MergeCandidate): void }) {
  const { t } = useTranslation();
  // The lookup's own search, without this card; only the answer to the text in the box is offered.
  const source = useMemo(
    () =>
      operationSource(
        "people.search",
        (q) => ({ q }),
        (hits): Found[] =>
          hits
            .filter((hit) => hit.personId !== card.id)
            .map((hit) => ({
              personId: hit.personId,
              firstName: hit.firstName,
              lastName: hit.lastName,
              detail: [t("people.duplicates.number", { id: hit.personId }), hit.company, hit.city, hit.primaryPhone && formatPhone(hit.primaryPhone), hit.lastContactAt ? formatDate(hit.lastContactAt) : null]
                .filter(Boolean)
                .join(" · "),
            })),
      ),
    [card.id, t],
  );

  return (
    <Typeahead<Found>
      label={t("people.merge.pick", { name: personName(card) })}
      placeholder={t("people.merge.pickPlaceholder")}
      description={t("people.merge.pickHint")}
      data-autofocus
      value={null}
      onChange={(found) => {
        if (found) onPick(found);
      }}
      source={source}
      keyOf={(found) => String(found.personId)}
      labelOf={(found) => personName(found)}
      detailOf={(found) => found.detail}
      nothingFoundMessage={t("people.merge.noCandidate")}
      maxDropdownHeight={320}
    />
  );
}
