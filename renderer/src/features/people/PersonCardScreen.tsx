import { Anchor, Button, Grid, Kbd, Loader, Paper, Stack, Text, Tooltip } from "@mantine/core";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { isApiError } from "../../api/ApiError";
import { api } from "../../api/client";
import { EditIcon } from "../../ui/icons";
import { PageHeader } from "../../ui/PageHeader";
import { notifyError } from "../../ui/toasts";
import { NewPrivacyRequestButton, PersonPrivacyRequests } from "../privacy/PersonPrivacyRequests";
import { ContactPreferencesSection } from "../privacy/preferences/ContactPreferencesSection";
import { useSignedIn } from "../../api/session";
import { AddressesSection } from "./AddressesSection";
import { formatDate } from "../../i18n/zurichTime";
import { CardSection, Facts } from "../../ui/CardSection";
import { DuplicateList } from "./DuplicateList";
import { EmailsSection } from "./EmailsSection";
import { HistoryModal } from "./HistoryModal";
import { IdentityModal } from "./IdentityModal";
import { LogCallModal } from "./LogCallModal";
import { MergeModal, type MergeCandidate } from "./MergeModal";
import { BuildingIcon, CallLogIcon, HistoryIcon, MergeIcon } from "../../ui/peopleIcons";
import { PhonesSection } from "./PhonesSection";
import { ReportsSection, TrainingSection } from "./RequestsSections";
import { TimelineTable, timelineOf } from "./TimelineTable";
import { personName, type DuplicateCandidate, type PersonCard } from "./types";

type Dialog = { kind: "log" } | { kind: "identity" } | { kind: "history" } | { kind: "merge"; candidate: MergeCandidate | null } | null;

/** The person card: everything we hold about the caller, and what the agent does with it during the call. */
export function PersonCardScreen({ personId }: { personId: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { state } = useSignedIn();
  const mayMerge = state.user.role === "manager" || state.user.role === "admin";
  const [card, setCard] = useState<PersonCard | null>(null);
  const [missing, setMissing] = useState(false);
  const [dialog, setDialog] = useState<Dialog>(null);
  const duplicates = useDuplicates(card);
  const top = useRef<HTMLDivElement | null>(null);
  const loaded = card !== null;

  // Opened from the lookup with Enter: the next Tab should reach the card's actions, not the top bar.
  useEffect(() => {
    if (loaded && (document.activeElement === document.body || document.activeElement?.closest("form[role=search]"))) top.current?.focus({ preventScroll: true });
  }, [loaded]);

  const load = useCallback(() => {
    api.people.get({ id: personId }).then(setCard, (error: unknown) => {
      if (isApiError(error) && error.code === "NOT_FOUND") setMissing(true);
      else notifyError(error);
    });
  }, [personId]);
  useEffect(load, [load]);

  // Ctrl+Enter anywhere on the card: log the call (inside the form, the same keys save it).
  useEffect(() => {
    if (!card || dialog) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
        event.preventDefault();
        setDialog({ kind: "log" });
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [card, dialog]);

  if (missing)
    return (
      <Paper withBorder radius="md" p="xl" maw={640} mx="auto" mt="xl">
        <Text>{t("people.card.notFound")}</Text>
        <Anchor component={Link} to="/" fz="sm">
          {t("people.card.backToLookup")}
        </Anchor>
      </Paper>
    );
  if (!card) return <Loader size="sm" m="xl" aria-label={t("people.card.loading")} />;

  const salutation = (s: NonNullable<PersonCard["salutation"]>) => t(`people.salutations.${s}`);
  const title = personName(card, salutation);
  const plainName = personName(card);
  const entries = timelineOf(card).length;

  return (
    <div ref={top} tabIndex={-1} style={{ outline: "none" }}>
      <PageHeader
        title={title}
        subtitle={
          <>
            {card.company ? (
              <Anchor component={Link} to={`/companies/${card.company.id}`} fz="sm">
                {card.company.name}
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
            <NewPrivacyRequestButton personId={card.id} name={plainName} />
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
                        <BuildingIcon size={14} /> {card.company.name}
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
            <PhonesSection card={card} name={plainName} onCard={setCard} />
            <EmailsSection card={card} name={plainName} onCard={setCard} />
            <AddressesSection card={card} name={plainName} onCard={setCard} />
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <CardSection title={t("people.card.timeline")} count={entries ? t("people.card.timelineCount", { count: entries }) : undefined} padded={false}>
              <TimelineTable card={card} />
            </CardSection>
            <Grid gap="md">
              <Grid.Col span={{ base: 12, xl: 6 }}>
                <ReportsSection reports={card.reports} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, xl: 6 }}>
                <TrainingSection training={card.training} />
              </Grid.Col>
            </Grid>
            <ContactPreferencesSection personId={card.id} name={plainName} />
            <PersonPrivacyRequests personId={card.id} />
          </Stack>
        </Grid.Col>
      </Grid>

      {dialog?.kind === "log" && (
        <LogCallModal
          card={card}
          name={plainName}
          onClose={() => setDialog(null)}
          onLogged={(next) => {
            setCard(next);
            setDialog(null);
          }}
        />
      )}
      {dialog?.kind === "identity" && (
        <IdentityModal
          card={card}
          name={plainName}
          onClose={() => setDialog(null)}
          onSaved={(next) => {
            setCard(next);
            setDialog(null);
          }}
          onStale={() => {
            setDialog(null);
            load();
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
            if (keptId === card.id) load();
            else void navigate(`/people/${keptId}`, { replace: true });
          }}
        />
      )}
    </div>
  );
}

/** Cards that look like this one (same phone, email, or name + postcode), checked whenever those change. */
function useDuplicates(card: PersonCard | null): DuplicateCandidate[] {
  const probe = useMemo(() => {
    if (!card) return null;
    return JSON.stringify({
      excludeId: card.id,
      phones: card.phones.map((p) => p.e164),
      emails: card.emails.map((e) => e.email),
      firstName: card.firstName,
      lastName: card.lastName,
      postalCodes: card.addresses.map((a) => a.postalCode).filter(Boolean),
    });
  }, [card]);
  const [found, setFound] = useState<{ probe: string; candidates: DuplicateCandidate[] } | null>(null);

  useEffect(() => {
    if (!probe) return;
    let current = true;
    api.people.duplicates(JSON.parse(probe) as Parameters<typeof api.people.duplicates>[0]).then(
      (candidates) => {
        if (current) setFound({ probe, candidates });
      },
      // A warning, not a step of the call: if it cannot be computed the card still works.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [probe]);

  return found && found.probe === probe ? found.candidates : (found?.candidates ?? []);
}
