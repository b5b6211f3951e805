import { Alert, Button, Checkbox, Group, List, Loader, Paper, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiMutation, useApiQuery } from "../../../api/queries";
import { notifyError } from "../../../ui/toasts";
import { formatDateTime } from "../../../i18n/zurichTime";
import { RETENTION_RULES, type RetentionRule } from "../../../../../common/enums";
import type { RetentionResult } from "./managerToolTypes";
import { Dialog } from "../../../ui/Dialog";

const day = (ms: number | null) => (ms === null ? "—" : formatDateTime(ms).slice(0, 10));
const count = (n: number) => n.toLocaleString("de-CH");

/**
 * "Revue de conservation" (revFADP Art. 6 para. 4): what is past its retention period, rule by
 * rule, erased or anonymised only after a confirmation that states the counts.
 */
export function RetentionPanel() {
  const { t } = useTranslation();
  const reviewQuery = useApiQuery("retention.review", {});
  const review = reviewQuery.data ?? null;
  // Every rule with something to do is proposed; the manager unticks what should wait.
  const [unticked, setUnticked] = useState<RetentionRule[]>([]);
  const [confirming, setConfirming] = useState(false);
  // What the last run did, for the rules the manager applied (each gets its line, even at 0).
  const [done, setDone] = useState<{ result: RetentionResult; rules: RetentionRule[] } | null>(null);
  const loading = reviewQuery.isFetching;
  const applyRules = useApiMutation("retention.apply", {
    onSuccess: (result, input) => {
      setDone({ result, rules: input.rules });
      setConfirming(false);
      setUnticked([]);
    },
  });
  const applying = applyRules.isPending;

  const line = (rule: RetentionRule) => review?.find((l) => l.rule === rule);
  const selected = RETENTION_RULES.filter((rule) => !unticked.includes(rule));
  const chosen = selected.filter((rule) => (line(rule)?.count ?? 0) > 0);
  const ruleName = (rule: RetentionRule) => t(`privacyTools.retention.rules.${rule}`);

  function apply() {
    applyRules.mutate({ rules: chosen }, { onError: notifyError });
  }

  function toggle(rule: RetentionRule, on: boolean) {
    setUnticked((s) => (on ? s.filter((r) => r !== rule) : [...s, rule]));
  }

  const nothing = review !== null && review.every((l) => l.count === 0);

  return (
    <Stack gap="sm" maw={1000}>
      <Group justify="space-between" align="flex-end" wrap="nowrap" gap="lg">
        <Text fz="sm" c="dimmed">
          {t("privacyTools.retention.intro")}
        </Text>
        <Button variant="default" style={{ flex: "none" }} loading={loading && review !== null} onClick={() => void reviewQuery.refetch()}>
          {t("privacyTools.retention.refresh")}
        </Button>
      </Group>

      {done && (
        <Alert role="status" color="teal" variant="light" title={t("privacyTools.retention.doneTitle")} withCloseButton onClose={() => setDone(null)}>
          <List size="sm" spacing={2}>
            {RETENTION_RULES.filter((rule) => done.rules.includes(rule) || done.result.done[rule] > 0).map((rule) => (
              <List.Item key={rule}>{t("privacyTools.retention.doneLine", { rule: ruleName(rule), count: count(done.result.done[rule]) })}</List.Item>
            ))}
          </List>
          {done.result.cleanup === "wal" ? (
            !done.result.walEmptied && (
              <Text fz="xs" c="dimmed" mt={6}>
                {t("privacyTools.retention.walNotEmptied")}
              </Text>
            )
          ) : (
            <Text fz="xs" c="dimmed" mt={6}>
              {done.result.vacuumFailed ? t("privacyTools.retention.vacuumNotRun") : t("privacyTools.retention.vacuumAfter")}
            </Text>
          )}
        </Alert>
      )}

      <Paper withBorder radius="md" style={{ overflow: "hidden" }}>
        <Table layout="fixed" aria-label={t("privacyTools.retention.tableLabel")} aria-busy={loading} verticalSpacing={8}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={44} />
              <Table.Th>{t("privacyTools.retention.columns.rule")}</Table.Th>
              <Table.Th w={120}>{t("privacyTools.retention.columns.cutoff")}</Table.Th>
              <Table.Th w={110} ta="right">
                {t("privacyTools.retention.columns.count")}
              </Table.Th>
              <Table.Th w={130}>{t("privacyTools.retention.columns.oldest")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody style={{ opacity: loading && review ? 0.6 : 1, transition: "opacity 120ms" }}>
            {review === null ? (
              <Table.Tr>
                <Table.Td colSpan={5} ta="center" py="xl">
                  <Loader size="sm" aria-label={t("common.loading")} />
                </Table.Td>
              </Table.Tr>
            ) : (
              RETENTION_RULES.map((rule) => {
                const l = line(rule);
                const n = l?.count ?? 0;
                return (
                  <Table.Tr key={rule} data-rule={rule}>
                    <Table.Td>
                      <Checkbox
                        aria-label={t("privacyTools.retention.select", { rule: ruleName(rule) })}
                        checked={n > 0 && selected.includes(rule)}
                        disabled={n === 0}
                        onChange={(e) => toggle(rule, e.currentTarget.checked)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Text fz="sm" fw={500}>
                        {ruleName(rule)}
                      </Text>
                      <Text fz="xs" c="dimmed">
                        {t(`privacyTools.retention.ruleHints.${rule}`)}
                      </Text>
                    </Table.Td>
                    <Table.Td>{l ? day(l.cutoff) : "—"}</Table.Td>
                    <Table.Td ta="right" fw={n > 0 ? 700 : undefined} c={n > 0 ? "red.8" : "dimmed"}>
                      {count(n)}
                    </Table.Td>
                    <Table.Td>{l ? day(l.oldest) : "—"}</Table.Td>
                  </Table.Tr>
                );
              })
            )}
          </Table.Tbody>
        </Table>
        <Group justify="space-between" px="sm" py={8} style={{ borderTop: "1px solid var(--mantine-color-gray-3)" }}>
          <Text fz="sm" c="dimmed">
            {nothing ? t("privacyTools.retention.nothing") : ""}
          </Text>
          <Button color="red" disabled={chosen.length === 0 || loading} onClick={() => setConfirming(true)}>
            {t("privacyTools.retention.apply")}
          </Button>
        </Group>
      </Paper>

      <Dialog opened={confirming} onClose={() => !applying && setConfirming(false)} title={t("privacyTools.retention.confirmTitle")} size="md">
        <Stack gap="sm">
          <Text fz="sm">{t("privacyTools.retention.confirmIntro")}</Text>
          <List size="sm" spacing={4}>
            {chosen.map((rule) => (
              <List.Item key={rule}>
                <Text span fz="sm" fw={600}>
                  {t("privacyTools.retention.confirmLine", { rule: ruleName(rule), count: count(line(rule)?.count ?? 0) })}
                </Text>
              </List.Item>
            ))}
          </List>
          <Text fz="xs" c="dimmed">
            {t("privacyTools.retention.confirmBackups")}
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConfirming(false)} disabled={applying}>
              {t("common.cancel")}
            </Button>
            <Button color="red" data-autofocus loading={applying} onClick={apply}>
              {t("privacyTools.retention.confirm")}
            </Button>
          </Group>
        </Stack>
      </Dialog>
    </Stack>
  );
}
