import { Anchor, Button, Grid, Kbd, Loader, Stack, Text, Tooltip } from "@mantine/core";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useCan } from "../../api/capabilities";
import { useApiQuery } from "../../api/queries";
import { EditIcon } from "../../ui/icons";
import { PageHeader } from "../../ui/PageHeader";
import { CardSection, Facts } from "../../ui/CardSection";
import { BuildingIcon, CallLogIcon, HistoryIcon, MergeIcon } from "../../ui/peopleIcons";
import { personName } from "../../../../common/person-name";
import type { Salutation } from "../../../../common/enums";
import { AddressesSection } from "./AddressesSection";
import { formatDate } from "../../i18n/zurichTime";
import { DuplicateList } from "./DuplicateList";
import { EmailsSection } from "./EmailsSection";
import { HistoryModal } from "./HistoryModal";
import { IdentityModal } from "./IdentityModal";
import { LoadProblem } from "./LoadProblem";
import { LogCallModal } from "./LogCallModal";
import { MergeModal, type MergeCandidate } from "./MergeModal";
import { PhonesSection } from "./PhonesSection";
import { ReportsSection, TrainingSection } from "./RequestsSections";
import { TimelineTable, timelineOf } from "./TimelineTable";
import type { DuplicateCandidate, PersonCard } from "./types";
import { UserText } from "../../ui/UserText";

/** The person a slot is about: its id and its name as the card's sentences use it. */
export interface CardPerson {
  id: number;
  name: string;
}

/**
 * What other features add to the card, composed by the shell (features do not import each
 * other): buttons in the header and sections at the foot of the right column.
 */
export interface PersonCardSlots {
  actions?(person: CardPerson): ReactNode;
  sections?(person: CardPerson): ReactNode;
  /** In the title of the reports section: a new error report for this person. */
  newReport?(person: CardPerson): ReactNode;
  /** In the title of the training section: a new training request for this person. */
  newTraining?(person: CardPerson): ReactNode;
}

type Dialog = { kind: "log" } | { kind: "identity" } | { kind: "history" } | { kind: "merge"; candidate: MergeCandidate | null } | null;

/** The person card: everything we hold about the caller, and what the agent does with it during the call. */
export function PersonCardScreen({ personId, slots = {} }: { personId: number; slots?: PersonCardSlots }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const mayMerge = can("people.merge");
  const query = useApiQuery("people.get", { id: personId });
  const card = query.data ?? null;
  const [dialog, setDialog] = useState<Dialog>(null);
  const duplicates = useDuplicates(card);
  const top = useRef<HTMLDivElement | null>(null);
  const loaded = card !== null;

  // Opened from the lookup with Enter: the next Tab should reach the card's actions, not the top bar.
  useEffect(() => {
    if (loaded && (document.activeElement === document.body || document.activeElement?.closest("form[role=search]"))) top.current?.focus({ preventScroll: true });
  }, [loaded]);

  // Ctrl+Enter anywhere on the card: log the call (inside a form the same keys save it, and the
  // kit's useCtrlEnterSaves has already taken them).
  useEffect(() => {
    if (!loaded || dialog) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && !event.defaultPrevented) {
        event.preventDefault();
        setDialog({ kind: "log" });
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [loaded, dialog]);

  // Gone since it was shown (erased or merged away, maybe on another desk): TanStack Query keeps
  // the last answer after a failed refetch, but a person's data must not stay on screen.
  if (query.error?.code === "NOT_FOUND") return <LoadProblem error={query.error} notFound={t("people.card.notFound")} onRetry={() => void query.refetch()} />;
  if (!card) {
    if (query.error) return <LoadProblem error={query.error} notFound={t("people.card.notFound")} onRetry={() => void query.refetch()} />;
    return <Loader size="sm" m="xl" aria-label={t("people.card.loading")} />;
  }

  const salutation = (s: Salutation) => t(`people.salutations.${s}`);
  const title = personName(card, salutation);
  const plainName = personName(card);
  const person: CardPerson = { id: card.id, name: plainName };
  const entries = timelineOf(card).length;

  return (
    <div ref={top} tabIndex={-1} style={{ outline: "none" }}>
      <PageHeader
        title={title}
        subtitle={
          <>
            {card.company ? (
              <Anchor component={Link} to={`/companies/${card.company.id}`} fz="sm">
                <UserText>{card.company.name}</UserText>
              </Anchor>
            ) : (
              t("people.card.noCompany")
            )}
            {" · "}
            {t(`people.languages.${card.language}`)}
            {" · "}
            {card.lastContactAt ? t("people.card.lastContact", { date: formatDate(card.lastContactAt) }) : t("people.card.neverContacted")}
          </>
        }
        actions={
          <>
            <Button leftSection={<CallLogIcon size={16} />} rightSection={<Kbd size="xs">{t("people.card.logCallShortcut")}</Kbd>} aria-keyshortcuts="Control+Enter" onClick={() => setDialog({ kind: "log" })}>
              {t("people.card.logCall")}
            </Button>
            <Button variant="default" leftSection={<HistoryIcon size={16} />} onClick={() => setDialog({ kind: "history" })}>
              {t("people.card.history")}
            </Button>
            {slots.actions?.(person)}
            {mayMerge && (
              <Button variant="default" leftSection={<MergeIcon size={16} />} onClick={() => setDialog({ kind: "merge", candidate: null })}>
                {t("people.card.merge")}
              </Button>
            )}
          </>
        }
      />

      {duplicates.length > 0 && (
        <div style={{ marginBottom: "var(--mantine-spacing-md)" }}>
          <DuplicateList candidates={duplicates} intro={t("people.duplicates.intro")} onMerge={mayMerge ? (c) => setDialog({ kind: "merge", candidate: c }) : undefined} />
        </div>
      )}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <CardSection
              title={t("people.card.identity")}
              actions={
                <Tooltip label={t("people.card.editIdentity")}>
                  <Button size="compact-sm" variant="subtle" leftSection={<EditIcon size={14} />} aria-label={t("people.card.editIdentity")} onClick={() => setDialog({ kind: "identity" })}>
                    {t("people.card.edit")}
                  </Button>
                </Tooltip>
              }
            >
              <Facts
                items={[
                  { label: t("people.fields.salutation"), value: card.salutation ? salutation(card.salutation) : t("people.salutations.none") },
                  { label: t("people.fields.firstName"), value: card.firstName || "—" },
                  { label: t("people.fields.lastName"), value: card.lastName },
                  { label: t("people.fields.language"), value: t(`people.languages.${card.language}`) },
                  {
                    label: t("people.fields.company"),
                    value: card.company ? (
                      <Anchor component={Link} to={`/companies/${card.company.id}`} fz="sm">
                        <BuildingIcon size={14} /> <UserText>{card.company.name}</UserText>
                      </Anchor>
                    ) : (
                      <Text span c="dimmed" fz="sm">
                        {t("people.card.noCompany")}
                      </Text>
                    ),
                  },
                ]}
              />
              <Text fz="xs" c="dimmed" mt={8}>
                {t("people.card.createdOn", { date: formatDate(card.createdAt) })}
              </Text>
            </CardSection>
            <PhonesSection card={card} name={plainName} />
            <EmailsSection card={card} name={plainName} />
            <AddressesSection card={card} name={plainName} />
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <CardSection title={t("people.card.timeline")} count={entries ? t("people.card.timelineCount", { count: entries }) : undefined} padded={false}>
              <TimelineTable card={card} />
            </CardSection>
            <Grid gap="md">
              <Grid.Col span={{ base: 12, xl: 6 }}>
                <ReportsSection reports={card.reports} action={slots.newReport?.(person)} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, xl: 6 }}>
                <TrainingSection training={card.training} action={slots.newTraining?.(person)} />
              </Grid.Col>
            </Grid>
            {slots.sections?.(person)}
          </Stack>
        </Grid.Col>
      </Grid>

      {dialog?.kind === "log" && (
        <LogCallModal
          card={card}
          name={plainName}
          onClose={() => setDialog(null)}
          onLogged={() => setDialog(null)}
        />
      )}
      {dialog?.kind === "identity" && (
        <IdentityModal
          card={card}
          name={plainName}
          onClose={() => setDialog(null)}
          onSaved={() => setDialog(null)}
          onStale={() => {
            setDialog(null);
            void query.refetch();
          }}
        />
      )}
      {dialog?.kind === "history" && <HistoryModal personId={card.id} name={plainName} onClose={() => setDialog(null)} />}
      {dialog?.kind === "merge" && (
        <MergeModal
          card={card}
          initial={dialog.candidate}
          onClose={() => setDialog(null)}
          onMerged={(keptId) => {
            setDialog(null);
            // Kept this card: the merge's invalidation has already read it again.
            if (keptId !== card.id) void navigate(`/people/${keptId}`, { replace: true });
          }}
        />
      )}
    </div>
  );
}

/** Cards that look like this one (same phone, email, or name + postcode), asked again whenever those change. */
function useDuplicates(card: PersonCard | null): DuplicateCandidate[] {
  const probe = {
    excludeId: card?.id ?? 0,
    phones: card?.phones.map((p) => p.e164) ?? [],
    emails: card?.emails.map((e) => e.email) ?? [],
    firstName: card?.firstName ?? "",
    lastName: card?.lastName ?? "",
    postalCodes: card?.addresses.map((a) => a.postalCode).filter(Boolean) ?? [],
  };
  // A warning, not a step of the call: if it cannot be computed the card still works. The last
  // answer stays while a changed card is checked again, so the warning does not blink.
  const found = useApiQuery("people.duplicates", probe, { enabled: card !== null, keepPrevious: true });
  return found.data ?? [];
}
