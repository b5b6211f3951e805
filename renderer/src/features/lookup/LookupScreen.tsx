import { Alert, Button, Grid, Group, Kbd, Loader, Paper, Stack, Text, Title, UnstyledButton } from "@mantine/core";
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { isApiError } from "../../api/ApiError";
import { fetchApi } from "../../api/queries";
import { PlusIcon, ReportIcon } from "../../ui/icons";
import { PageHeader } from "../../ui/PageHeader";
import { notifyError } from "../../ui/toasts";
import { formatTyped, looksLikeEmail, looksLikePhone, looksLikeReportReference } from "../../../../common/phone";
import { dataTableRowId } from "../../ui/DataTable";
import { useActiveRow } from "../../ui/useActiveRow";
import { useLookup } from "./LookupContext";
import { newPersonPath } from "./newPersonPath";
import { LookupResults } from "./LookupResults";
import { usePeopleSearch } from "./usePeopleSearch";

const EXAMPLES = [
  ["people.lookup.phone", "people.lookup.phoneSample"],
  ["people.lookup.name", "people.lookup.nameSample"],
  ["people.lookup.email", "people.lookup.emailSample"],
  ["people.lookup.company", "people.lookup.companySample"],
  ["people.lookup.reference", "people.lookup.referenceSample"],
] as const;

/**
 * The screen an agent lives in during a call: recent callers while the box is empty, results while
 * typing, a report reference opened with Enter, and "New person" when nobody matches.
 */
export function LookupScreen() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { query, setResults, inputRef, takeOpenRequest } = useLookup();
  const listId = useId();
  const q = query.trim();
  const isReference = looksLikeReportReference(q);
  const { result, shown, pending } = usePeopleSearch(isReference ? null : q);
  const [missingReport, setMissingReport] = useState<string | null>(null);
  const [openingReport, setOpeningReport] = useState(false);

  const hits = useMemo(() => (!isReference && result ? result.hits : []), [isReference, result]);
  const shownQuery = result?.q ?? "";
  // On view until the answer to the text in the box comes: the latest answer, dimmed and inert.
  const shownHits = !isReference && shown ? shown.hits : [];
  // From the answer on screen, not the query being typed, so the panel does not flicker per keystroke.
  const nobody = !isReference && result !== null && result.q !== "" && result.hits.length === 0;
  const count = isReference || nobody ? 1 : hits.length;

  const openReport = useCallback(async () => {
    setOpeningReport(true);
    try {
      const report = await fetchApi("reports.get", { reference: q });
      void navigate(`/reports/${report.id}`);
    } catch (error) {
      if (isApiError(error) && error.code === "NOT_FOUND") setMissingReport(q);
      else notifyError(error);
    } finally {
      setOpeningReport(false);
    }
  }, [navigate, q]);

  // Enter pressed before the answer to the text in the box came (just typed or pasted, or F2 then
  // Enter on another screen): remembered with that text and applied to the first row of its answer,
  // or to "New person" when it holds nobody. Never to a row of an older answer: typing on drops it.
  const openWhenReady = useRef<string | null>(null);
  // The answer on screen is always the one to the text in the box (usePeopleSearch hands over no other).
  const answered = isReference || result !== null;

  const openIndex = useCallback(
    (index: number) => {
      if (isReference) {
        void openReport();
        return;
      }
      if (!answered) {
        openWhenReady.current = q;
        return;
      }
      if (nobody) {
        void navigate(newPersonPath(q));
        return;
      }
      const hit = hits[index];
      if (hit) void navigate(`/people/${hit.personId}`);
    },
    [answered, hits, isReference, navigate, nobody, openReport, q],
  );

  const rows = useActiveRow(count, openIndex, { resetKey: isReference ? `ref:${q}` : result, initial: q === "" && !isReference ? -1 : 0 });

  // Enter pressed in the box on another screen (the box sent the agent here): taken before the
  // effect below runs, so an answer already in the cache opens at once.
  useLayoutEffect(() => {
    const asked = takeOpenRequest();
    if (asked !== null) openWhenReady.current = asked;
  }, [takeOpenRequest]);

  useEffect(() => {
    const waiting = openWhenReady.current;
    if (waiting === null) return;
    // Typed on, or a report reference (its one row is on screen, Enter opens it): nothing to wait for.
    if (waiting !== q || isReference) {
      openWhenReady.current = null;
      return;
    }
    if (!result || result.q !== q) return;
    openWhenReady.current = null;
    if (result.hits[0]) void navigate(`/people/${result.hits[0].personId}`);
    else if (q !== "") void navigate(newPersonPath(q));
  }, [isReference, navigate, q, result]);

  // The box drives the rows; the latest open() is read through a ref so the handle stays stable.
  const openActive = useRef<() => boolean>(() => false);
  useLayoutEffect(() => {
    openActive.current = () => {
      if (!answered) {
        openWhenReady.current = q;
        return true;
      }
      if (rows.active < 0) return false;
      openIndex(rows.active);
      return true;
    };
  });
  const activeId = rows.active < 0 ? null : isReference ? `${listId}-report` : nobody ? `${listId}-new` : dataTableRowId(listId, rows.active);
  const { move } = rows;
  const handle = useMemo(() => ({ listId, activeId, move, open: () => openActive.current() }), [listId, activeId, move]);
  useEffect(() => {
    setResults(handle);
  }, [handle, setResults]);
  useEffect(() => () => setResults(null), [setResults]);

  // Esc in the table goes back to the box (the table's own keys move and open the rows).
  const onTableKey = (event: KeyboardEvent) => {
    if (event.key === "Escape") inputRef.current?.focus();
  };

  const heading = isReference ? q : q === "" ? t("people.lookup.recentTitle") : t("people.lookup.resultsTitle", { q });
  const summary = isReference
    ? t("people.lookup.reportHint")
    : pending && !result
      ? t("people.lookup.searching")
      : hits.length >= 20
        ? t("people.lookup.countMax", { count: hits.length })
        : q === "" || nobody
          ? null
          : t("people.lookup.count", { count: hits.length });

  return (
    <>
      <PageHeader
        title={t("people.lookup.title")}
        actions={
          <Button variant="default" leftSection={<PlusIcon size={16} />} onClick={() => void navigate(q ? newPersonPath(q) : "/people/new")}>
            {t("people.lookup.newPerson")}
          </Button>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 9 }}>
          {/* data-answers: the text the rows on view answer (npm run bench -- ui waits for it). */}
          <Paper withBorder radius="md" style={{ overflow: "hidden" }} data-answers={isReference ? undefined : shown?.q}>
            <Group justify="space-between" px="sm" py={8} wrap="nowrap" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }} mih={44}>
              <Title order={2} fz="h4" style={{ overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>
                {heading}
              </Title>
              <Group gap={8} wrap="nowrap" style={{ flex: "none" }}>
                {pending && <Loader size={14} aria-hidden />}
                <Text fz="sm" c="dimmed" role="status">
                  {summary}
                </Text>
              </Group>
            </Group>

            {isReference ? (
              <Stack p="sm" gap="sm" id={listId} role="listbox" aria-label={t("people.lookup.tableLabel")}>
                <UnstyledButton
                  id={`${listId}-report`}
                  role="option"
                  aria-selected
                  onClick={() => void openReport()}
                  px="sm"
                  py={8}
                  style={{ borderRadius: 4, background: "var(--mantine-color-jet-0)", boxShadow: "inset 3px 0 0 var(--mantine-color-jet-7)" }}
                >
                  <Group gap="sm" wrap="nowrap">
                    <ReportIcon size={18} />
                    <Text fw={600}>{t("people.lookup.openReport", { reference: q.toUpperCase() })}</Text>
                    {openingReport && <Loader size={14} />}
                    <Kbd size="xs" ml="auto">
                      Enter
                    </Kbd>
                  </Group>
                </UnstyledButton>
                {missingReport === q && (
                  <Alert variant="light" color="orange" role="alert">
                    {t("people.lookup.reportNotFound", { reference: q })}
                  </Alert>
                )}
              </Stack>
            ) : nobody ? (
              <Stack p="lg" gap="sm" align="flex-start" id={listId} role="listbox" aria-label={t("people.lookup.tableLabel")} style={{ opacity: pending ? 0.55 : 1 }}>
                <Text>{looksLikePhone(shownQuery) ? t("people.lookup.unknownNumber", { q: formatTyped(shownQuery) }) : t("people.lookup.noResult", { q: shownQuery })}</Text>
                <Button
                  id={`${listId}-new`}
                  role="option"
                  aria-selected
                  leftSection={<PlusIcon size={16} />}
                  onClick={() => void navigate(newPersonPath(shownQuery))}
                  rightSection={<Kbd size="xs">Enter</Kbd>}
                >
                  {looksLikePhone(shownQuery)
                    ? t("people.lookup.newWithNumber", { number: formatTyped(shownQuery) })
                    : looksLikeEmail(shownQuery)
                      ? t("people.lookup.newWithEmail", { email: shownQuery })
                      : t("people.lookup.newPerson")}
                </Button>
              </Stack>
            ) : hits.length === 0 && q === "" && result ? (
              <Text p="lg" c="dimmed" fz="sm">
                {t("people.lookup.recentEmpty")}
              </Text>
            ) : (
              <div onKeyDown={onTableKey}>
                <LookupResults
                  listId={listId}
                  label={q === "" ? t("people.lookup.recentTableLabel") : t("people.lookup.tableLabel")}
                  hits={shownHits}
                  stale={shown !== result}
                  rows={rows}
                  onOpen={openIndex}
                  searching={pending}
                />
              </div>
            )}
          </Paper>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 3 }}>
          <Stack gap="md">
            <Paper withBorder radius="md" p="sm">
              <Text fz="sm" fw={600} mb={6}>
                {t("people.lookup.accepts")}
              </Text>
              <Stack gap={8} component="dl" m={0}>
                {EXAMPLES.map(([label, sample]) => (
                  <div key={label}>
                    <Text component="dt" fz="sm">
                      {t(label)}
                    </Text>
                    <Text component="dd" fz="xs" c="dimmed" ff="monospace" m={0}>
                      {t(sample)}
                    </Text>
                  </div>
                ))}
              </Stack>
            </Paper>
            <Paper withBorder radius="md" p="sm">
              <Stack gap={6} fz="sm">
                <Group gap={6} wrap="nowrap">
                  <Kbd size="xs">↑</Kbd>
                  <Kbd size="xs">↓</Kbd>
                  <Text fz="sm">{t("people.lookup.keysHelp")}</Text>
                </Group>
                <Group gap={6} wrap="nowrap">
                  <Kbd size="xs">Enter</Kbd>
                  <Text fz="sm">{t("people.lookup.keysOpen")}</Text>
                </Group>
                <Group gap={6} wrap="nowrap">
                  <Kbd size="xs">Esc</Kbd>
                  <Text fz="sm">{t("people.lookup.keysClear")}</Text>
                </Group>
                <Group gap={6} wrap="nowrap">
                  <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">K</Kbd> / <Kbd size="xs">F2</Kbd>
                  <Text fz="sm">{t("people.lookup.keysFocus")}</Text>
                </Group>
              </Stack>
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
