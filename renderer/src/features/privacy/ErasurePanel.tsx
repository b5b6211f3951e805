import { Alert, Button, Checkbox, Group, Loader, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useCan } from "../../api/capabilities";
import { fieldErrorOf } from "../../api/fieldErrors";
import { queryClient, useApiMutation, useApiQuery } from "../../api/queries";
import { fold, personName } from "../../../../common/person-name";
import { notifyError } from "../../ui/toasts";
import { isoToSwiss } from "../../i18n/zurichTime";
import { CardSection } from "../../ui/CardSection";
import { ErasureCountTable } from "./erasureCounts";
import { EraseIcon } from "./privacyIcons";
import type { ErasureCleanup, ErasurePreview, ErasureResult, RequestDetail } from "./privacyTypes";
import { Dialog } from "../../ui/Dialog";

/** The comparison the server makes: accents, case and surrounding spaces do not count. */
export function sameLastName(typed: string, lastName: string): boolean {
  return typed.trim() !== "" && fold(typed.trim()) === fold(lastName.trim());
}

/** The erasure request's action: opens the preview, the typed confirmation and the result. */
export function ErasurePanel({ request, blockedReason }: { request: RequestDetail; blockedReason: string | null }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const allowed = useCan()("privacy.erase");
  const reason = !allowed ? t("privacy.erasure.roleOnly") : blockedReason;
  return (
    <CardSection title={t("privacy.erasure.panelTitle")}>
      <Stack gap="xs" align="flex-start">
        <Text fz="sm" c="dimmed">
          {t("privacy.erasure.panelIntro")}
        </Text>
        <Button color="red" leftSection={<EraseIcon size={16} />} disabled={reason !== null} onClick={() => setOpen(true)}>
          {t("privacy.erasure.open")}
        </Button>
        {reason && (
          <Text fz="sm" c="orange.9">
            {reason}
          </Text>
        )}
      </Stack>
      {open && <ErasureModal request={request} onClose={close} />}
    </CardSection>
  );
}

function ErasureModal({ request, onClose }: { request: RequestDetail; onClose(): void }) {
  const { t } = useTranslation();
  const previewQuery = useApiQuery("privacy.erasePreview", { requestId: request.id }, { staleTime: 0 });
  const preview = previewQuery.data ?? null;
  const [result, setResult] = useState<ErasureResult | null>(null);
  const failure = previewQuery.error;
  useEffect(() => {
    if (!failure) return;
    notifyError(failure);
    onClose();
  }, [failure, onClose]);

  // Once erased, closing shows the request as the anonymous record it has become: the erasure
  // leaves the cache alone until then (see below), so the done screen stays up to be read.
  const close = result ? () => void queryClient.invalidateQueries() : onClose;
  const name = preview ? personName(preview.person) : "";

  return (
    <Dialog opened onClose={close} size="lg" title={result ? t("privacy.erasure.doneTitle") : t("privacy.erasure.title", { name })} closeOnClickOutside={false}>
      {!preview ? (
        <Loader size="sm" aria-label={t("common.loading")} />
      ) : result ? (
        <ErasureDone result={result} onClose={close} />
      ) : (
        <ErasureConfirm request={request} preview={preview} onCancel={onClose} onErased={setResult} />
      )}
    </Dialog>
  );
}

function ErasureConfirm({ request, preview, onCancel, onErased }: { request: RequestDetail; preview: ErasurePreview; onCancel(): void; onErased(result: ErasureResult): void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState("");
  const [touched, setTouched] = useState(false);
  const [serverError, setServerError] = useState<string | undefined>();
  const [suppress, setSuppress] = useState(false);
  // keepCache: refreshing at once would re-read the request as erased and take this dialog (and
  // its result) away; the cache is refreshed when the person closes the done screen.
  const erase = useApiMutation("privacy.erase", { keepCache: true });
  const busy = erase.isPending;
  const matches = sameLastName(typed, preview.person.lastName);
  const mismatch = touched && typed.trim() !== "" && !matches ? t("privacy.erasure.mismatch") : undefined;
  const counts = { ...preview.counts, ...(preview.keptReports > 0 ? { error_reports_kept: preview.keptReports } : {}) };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!matches || busy) return;
    try {
      onErased(await erase.mutateAsync({ requestId: request.id, confirmLastName: typed, suppressContacts: suppress }));
    } catch (error) {
      const fields = fieldErrorOf(error);
      if (fields?.confirmLastName) setServerError(fields.confirmLastName);
      else notifyError(error);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <Stack gap="md">
        <Text fz="sm">{t("privacy.erasure.intro")}</Text>
        <ErasureCountTable counts={counts} label={t("privacy.erasure.previewLabel")} />
        {preview.keptReports > 0 && (
          <Text fz="xs" c="dimmed" mt={-8}>
            {t("privacy.erasure.keptReportsHint")}
          </Text>
        )}
        <Alert color="yellow" variant="light" p="xs">
          <Text fz="sm">{preview.cleanup === "vacuum" ? t("privacy.erasure.server.before") : t("privacy.erasure.backups", { date: isoToSwiss(preview.backupsHeldUntil) })}</Text>
        </Alert>
        <Checkbox label={t("privacy.erasure.suppress")} description={t("privacy.erasure.suppressHint")} checked={suppress} onChange={(e) => setSuppress(e.currentTarget.checked)} />
        <TextInput
          label={t("privacy.erasure.confirm")}
          description={t("privacy.erasure.confirmHint", { lastName: preview.person.lastName })}
          autoComplete="off"
          spellCheck={false}
          data-autofocus
          value={typed}
          onChange={(e) => {
            setTyped(e.currentTarget.value);
            setServerError(undefined);
          }}
          onBlur={() => setTouched(true)}
          error={serverError ?? mismatch}
        />
        <Text fz="sm" c="red.8" fw={600}>
          {t("privacy.erasure.irreversible")}
        </Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" color="red" leftSection={<EraseIcon size={16} />} disabled={!matches} loading={busy}>
            {t("privacy.erasure.erase")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** How often the done screen asks whether the clean-up (the journal emptied, the vacuum) happened. */
const CLEANUP_STATUS_POLL_MS = 1000;

/**
 * The erasure's clean-up as it stands: SQLite's journal (WAL) emptied, or a PostgreSQL server's
 * vacuum of the changed tables. Both happen after the erasure answered, so the first question is
 * asked at once; while an export, integrity check or backup reads the file (or the vacuum runs),
 * the answer changes when it is done. A vacuum that will not happen stops the questions too.
 */
function useCleanup(result: ErasureResult): ErasureCleanup {
  const [settledSeen, setSettledSeen] = useState(() => settled(result));
  // A failed poll (session locked, network) just waits for the next one.
  const status = useApiQuery("privacy.erasureStatus", { requestId: result.requestId }, { enabled: !settledSeen, staleTime: 0, refetchInterval: CLEANUP_STATUS_POLL_MS });
  const current: ErasureCleanup = status.data ?? result;
  // Once settled, the polling stops (set while rendering: React renders again at once, before
  // painting); the last answer stays on screen.
  if (!settledSeen && settled(current)) setSettledSeen(true);
  return current;
}

/** Done, or on PostgreSQL a vacuum that will not happen: nothing more to ask. */
const settled = (cleanup: ErasureCleanup) => cleanup.done || (cleanup.cleanup === "vacuum" && cleanup.vacuumFailed !== undefined);

/** The erasure's result, then what was cleaned up after it and what may still hold bytes of the person. */
export function ErasureDone({ result, onClose }: { result: ErasureResult; onClose(): void }) {
  const { t } = useTranslation();
  const cleanup = useCleanup(result);
  const total = Object.entries(result.counts)
    .filter(([kind]) => kind !== "error_reports_kept" && kind !== "privacy_requests" && kind !== "disclosures")
    .reduce((n, [, count]) => n + count, 0);
  return (
    <Stack gap="md">
      <Alert color="teal" variant="light" role="status">
        <Text fz="sm" fw={600}>
          {t("privacy.erasure.doneSummary", { count: total })}
        </Text>
      </Alert>
      <SimpleGrid cols={1}>
        <ErasureCountTable counts={result.counts} label={t("privacy.erasure.resultLabel")} />
      </SimpleGrid>
      {cleanup.cleanup === "wal" ? (
        <>
          <Text fz="sm" c={cleanup.walEmptied ? "teal.9" : "orange.9"} role="status" data-testid="erasure-wal">
            {cleanup.walEmptied ? t("privacy.erasure.walEmptied") : t("privacy.erasure.walPending")}
          </Text>
          <Text fz="sm">{t("privacy.erasure.backups", { date: isoToSwiss(result.backupsHeldUntil) })}</Text>
        </>
      ) : (
        <>
          <Text fz="sm" c="teal.9">
            {t("privacy.erasure.server.unreachable")}
          </Text>
          <Text fz="sm" c={cleanup.done ? "teal.9" : "orange.9"} role="status" data-testid="erasure-vacuum">
            {cleanup.done ? t("privacy.erasure.server.vacuumDone") : cleanup.vacuumFailed ? t(`privacy.erasure.server.vacuumFailed.${cleanup.vacuumFailed}`) : t("privacy.erasure.server.vacuumPending")}
          </Text>
          <Text fz="sm">{t("privacy.erasure.server.residue")}</Text>
        </>
      )}
      <Group justify="flex-end">
        <Button onClick={onClose} data-autofocus>
          {t("privacy.erasure.close")}
        </Button>
      </Group>
    </Stack>
  );
}
