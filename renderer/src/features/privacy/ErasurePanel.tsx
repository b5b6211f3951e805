import { Alert, Button, Checkbox, Group, Loader, Modal, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { fieldErrorOf } from "../../api/fieldErrors";
import type { Role } from "../../api/types";
import { notifyError } from "../../ui/toasts";
import { isoToSwiss } from "../../i18n/zurichTime";
import { CardSection } from "../../ui/CardSection";
import { ErasureCountTable } from "./erasureCounts";
import { EraseIcon } from "./privacyIcons";
import type { ErasurePreview, ErasureResult, RequestDetail } from "./privacyTypes";
import { announceRequestChange } from "./usePrivacyCounts";

/** The comparison the server makes: accents, case and surrounding spaces do not count. */
export function sameLastName(typed: string, lastName: string): boolean {
  const fold = (s: string) => s.normalize("NFC").trim().normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  return typed.trim() !== "" && fold(typed) === fold(lastName);
}

/** The erasure request's action: opens the preview, the typed confirmation and the result. */
export function ErasurePanel({ request, role, blockedReason, onErased }: { request: RequestDetail; role: Role; blockedReason: string | null; onErased(): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const allowed = role === "agent" || role === "manager";
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
      {open && <ErasureModal request={request} onClose={close} onErased={onErased} />}
    </CardSection>
  );
}

function ErasureModal({ request, onClose, onErased }: { request: RequestDetail; onClose(): void; onErased(): void }) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<ErasurePreview | null>(null);
  const [result, setResult] = useState<ErasureResult | null>(null);

  useEffect(() => {
    let current = true;
    api.privacy.erasePreview({ requestId: request.id }).then(
      (next) => {
        if (current) setPreview(next);
      },
      (error: unknown) => {
        notifyError(error);
        onClose();
      },
    );
    return () => {
      current = false;
    };
  }, [request.id, onClose]);

  // Once erased, closing shows the request as the anonymous record it has become.
  const close = result ? onErased : onClose;
  const name = preview ? [preview.person.firstName, preview.person.lastName].filter(Boolean).join(" ") : "";

  return (
    <Modal opened onClose={close} size="lg" title={result ? t("privacy.erasure.doneTitle") : t("privacy.erasure.title", { name })} closeOnClickOutside={false}>
      {!preview ? (
        <Loader size="sm" aria-label={t("common.loading")} />
      ) : result ? (
        <ErasureDone result={result} onClose={close} />
      ) : (
        <ErasureConfirm request={request} preview={preview} onCancel={onClose} onErased={setResult} />
      )}
    </Modal>
  );
}

function ErasureConfirm({ request, preview, onCancel, onErased }: { request: RequestDetail; preview: ErasurePreview; onCancel(): void; onErased(result: ErasureResult): void }) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState("");
  const [touched, setTouched] = useState(false);
  const [serverError, setServerError] = useState<string | undefined>();
  const [suppress, setSuppress] = useState(false);
  const [busy, setBusy] = useState(false);
  const matches = sameLastName(typed, preview.person.lastName);
  const mismatch = touched && typed.trim() !== "" && !matches ? t("privacy.erasure.mismatch") : undefined;
  const counts = { ...preview.counts, ...(preview.keptReports > 0 ? { error_reports_kept: preview.keptReports } : {}) };

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!matches || busy) return;
    setBusy(true);
    try {
      onErased(await api.privacy.erase({ requestId: request.id, confirmLastName: typed, suppressContacts: suppress }));
      announceRequestChange();
    } catch (error) {
      const fields = fieldErrorOf(error);
      if (fields?.confirmLastName) setServerError(fields.confirmLastName);
      else notifyError(error);
      setBusy(false);
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
          <Text fz="sm">{t("privacy.erasure.backups", { date: isoToSwiss(preview.backupsHeldUntil) })}</Text>
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

/** How often the done screen asks whether the journal (WAL) was emptied, while a reader held it. */
const WAL_STATUS_POLL_MS = 1000;

/**
 * True once the erasure's traces left the database journal. The erasure answers before the
 * journal is emptied (the host empties it right after), so the first question is asked at once;
 * while an export, integrity check or backup is reading, the answer changes when it lets go (the
 * host retries every 250 ms).
 */
function useWalEmptied(result: ErasureResult): boolean {
  const [emptied, setEmptied] = useState(result.walEmptied);
  useEffect(() => {
    if (emptied) return;
    let stopped = false;
    const ask = () =>
      api.privacy.erasureStatus({ requestId: result.requestId }).then(
        (status) => {
          if (!stopped && status.walEmptied) setEmptied(true);
        },
        // A failed poll (session locked, network) just waits for the next one.
        () => undefined,
      );
    void ask();
    const timer = setInterval(ask, WAL_STATUS_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [emptied, result.requestId]);
  return emptied;
}

function ErasureDone({ result, onClose }: { result: ErasureResult; onClose(): void }) {
  const { t } = useTranslation();
  const walEmptied = useWalEmptied(result);
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
      <Text fz="sm" c={walEmptied ? "teal.9" : "orange.9"} role="status" data-testid="erasure-wal">
        {walEmptied ? t("privacy.erasure.walEmptied") : t("privacy.erasure.walPending")}
      </Text>
      <Text fz="sm">{t("privacy.erasure.backups", { date: isoToSwiss(result.backupsHeldUntil) })}</Text>
      <Group justify="flex-end">
        <Button onClick={onClose} data-autofocus>
          {t("privacy.erasure.close")}
        </Button>
      </Group>
    </Stack>
  );
}
