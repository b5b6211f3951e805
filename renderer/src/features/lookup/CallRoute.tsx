import { Alert, Button, Group, Loader, Paper, Stack, Text } from "@mantine/core";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { useApiQuery } from "../../api/queries";
import { SearchIcon } from "../../ui/icons";
import { PageHeader } from "../../ui/PageHeader";
import { notifyError } from "../../ui/toasts";
import { useLookup } from "./LookupContext";
import { newPersonPath } from "./newPersonPath";
import { callerE164, formatPhone } from "../../../../common/phone";
import { useSignedIn } from "../../api/session";
import { rawCallNumber } from "./callNumber";

/** What is shown of a refused number: enough to recognise it, never a wall of text. */
const SHOWN_RAW = 60;

/**
 * `#/call?from=<number>`: where the phone system sends an incoming call (the desktop app's
 * jetinfo-crm:// link and --call land here too). Puts the number in the lookup box and opens the
 * caller's card when exactly one person has it, the results when several do, and the new-person
 * form with the number filled in when nobody does. Replaces itself in the history, so Back does
 * not replay the call.
 */
export function CallRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { search } = useLocation();
  const { setQuery } = useLookup();
  const { state } = useSignedIn();
  const raw = rawCallNumber(search);
  // The one phone rule (common/phone.ts): "(022) 735 33 92" is as good a number here as in the lookup and the forms.
  const e164 = raw === null ? null : callerE164(raw);
  // Locked: the search would be refused; it runs once the agent has unlocked.
  const found = useApiQuery("people.search", { q: e164 ?? "" }, { enabled: e164 !== null && !state.locked, staleTime: 0 });
  const hits = found.data;
  const failed = found.isError;
  const { error } = found;

  useEffect(() => {
    if (!e164 || !hits) return;
    const shown = formatPhone(e164);
    setQuery(shown);
    if (hits.length === 1) void navigate(`/people/${hits[0]!.personId}`, { replace: true });
    else if (hits.length === 0) void navigate(newPersonPath(shown), { replace: true });
    else void navigate("/", { replace: true });
  }, [e164, hits, navigate, setQuery]);

  useEffect(() => {
    if (error) notifyError(error);
  }, [error]);

  if (!e164) {
    const shownRaw = raw && raw.length > SHOWN_RAW ? `${raw.slice(0, SHOWN_RAW)}…` : raw;
    return (
      <>
        <PageHeader title={t("call.title")} />
        <Alert color="red" variant="light" role="alert" title={t("call.invalidTitle")} maw={720}>
          <Stack gap="sm" align="flex-start">
            {/* The refused text is shown as text, never markup: it came from outside the app. */}
            <Text fz="sm">{shownRaw ? t("call.invalidNumber", { raw: shownRaw }) : t("call.noNumber")}</Text>
            <Text fz="sm">{t("call.invalidHint")}</Text>
            <Button variant="default" leftSection={<SearchIcon size={16} />} onClick={() => void navigate("/", { replace: true })}>
              {t("call.openLookup")}
            </Button>
          </Stack>
        </Alert>
      </>
    );
  }

  return (
    <>
      <PageHeader title={t("call.title")} />
      <Paper withBorder radius="md" p="lg" maw={720}>
        <Group gap="sm" wrap="nowrap">
          {!failed && <Loader size={18} aria-hidden />}
          <div>
            <Text fw={600} fz="lg">
              {formatPhone(e164)}
            </Text>
            <Text fz="sm" c="dimmed" role="status">
              {failed ? t("call.searchFailed") : state.locked ? t("call.waitingUnlock") : t("call.searching")}
            </Text>
          </div>
          {failed && (
            <Button ml="auto" variant="default" leftSection={<SearchIcon size={16} />} onClick={() => void navigate("/", { replace: true })}>
              {t("call.openLookup")}
            </Button>
          )}
        </Group>
      </Paper>
    </>
  );
}
