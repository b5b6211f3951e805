import { Button, Collapse, Group, NativeSelect, Table, Text } from "@mantine/core";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiMutation, useApiQuery } from "../../../api/queries";
import { notifyError, notifySuccess } from "../../../ui/toasts";
import { formatDateTime } from "../../../i18n/zurichTime";
import { CardSection } from "../../../ui/CardSection";
import { ConfirmDialog } from "../../../ui/ConfirmDialog";
import { HistoryIcon } from "../../../ui/peopleIcons";
import { PREFERENCE_CHANNELS, PREFERENCE_SOURCES, PREFERENCE_TOPICS, type PreferenceChannel, type PreferenceSource, type PreferenceStatus, type PreferenceTopic } from "../../../../../common/enums";
import { PreferenceCell } from "./PreferenceCell";

/**
 * The person card's mailing-list choices: every topic × channel with its current choice, where it
 * came from and when, changed while the caller is on the line. Every change is kept (proof of
 * consent), which the history shows. Self-contained (the person's id and name in, nothing from the
 * card): the shell puts it in the person card's slot.
 */
export function ContactPreferencesSection({ personId, name }: { personId: number; name: string }) {
  const { t } = useTranslation();
  const sourceId = useId();
  const query = useApiQuery("preferences.get", { personId });
  const prefs = query.data ?? null;
  // The phone is the usual way a choice reaches the call centre.
  const [source, setSource] = useState<PreferenceSource>("call");
  const [confirming, setConfirming] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);

  const set = useApiMutation("preferences.set", {
    onSuccess: (next, input) =>
      notifySuccess(
        next.changed
          ? t("privacyTools.preferences.saved", {
              topic: t(`privacyTools.topics.${input.topic}`),
              channel: t(`privacyTools.channels.${input.channel}`),
              status: t(`privacyTools.status.${input.status}`),
              source: t(`privacyTools.sources.${input.source}`),
            })
          : t("privacyTools.preferences.unchanged"),
      ),
  });
  const pending = set.isPending && set.variables ? `${set.variables.topic}.${set.variables.channel}` : null;
  const optOut = useApiMutation("preferences.optOutAll", {
    onSuccess: (next) => {
      setConfirming(false);
      notifySuccess(next.changed > 0 ? t("privacyTools.preferences.optedOutAll", { count: next.changed }) : t("privacyTools.preferences.alreadyOut"));
    },
  });

  function choose(topic: PreferenceTopic, channel: PreferenceChannel, status: PreferenceStatus) {
    if (pending) return;
    set.mutate({ personId, topic, channel, status, source }, { onError: notifyError });
  }

  async function optOutAll() {
    await optOut.mutateAsync({ personId, source }).catch(notifyError);
  }

  const choiceOf = (topic: PreferenceTopic, channel: PreferenceChannel) => prefs?.choices.find((c) => c.topic === topic && c.channel === channel) ?? null;
  const changes = prefs?.changes ?? [];

  return (
    <CardSection
      title={t("privacyTools.preferences.title")}
      count={prefs && changes.length > 0 ? t("privacyTools.preferences.historyCount", { count: changes.length }) : undefined}
      padded={false}
    >
      {/* A toolbar, not the title row: the section is half a screen wide and the title must stay on one line. */}
      <Group justify="space-between" gap="xs" px="sm" py={6} wrap="nowrap" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
        <Group gap={8} wrap="nowrap">
          <Text component="label" htmlFor={sourceId} fz="sm" c="dimmed" style={{ whiteSpace: "nowrap" }}>
            {t("privacyTools.preferences.source")}
          </Text>
          <NativeSelect
            id={sourceId}
            size="xs"
            w={170}
            aria-description={t("privacyTools.preferences.sourceHint")}
            data={PREFERENCE_SOURCES.map((s) => ({ value: s, label: t(`privacyTools.sources.${s}`) }))}
            value={source}
            onChange={(e) => setSource(e.currentTarget.value as PreferenceSource)}
          />
        </Group>
        <Group gap={6} wrap="nowrap">
          <Button
            size="compact-sm"
            variant={historyOpen ? "light" : "subtle"}
            leftSection={<HistoryIcon size={14} />}
            aria-expanded={historyOpen}
            onClick={() => setHistoryOpen((open) => !open)}
          >
            {historyOpen ? t("privacyTools.preferences.hideHistory") : t("privacyTools.preferences.history")}
          </Button>
          <Button size="compact-sm" variant="light" color="red" disabled={!prefs} onClick={() => setConfirming(true)}>
            {t("privacyTools.preferences.optOutAll")}
          </Button>
        </Group>
      </Group>
      <Table layout="fixed" withColumnBorders aria-label={t("privacyTools.preferences.title")} verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="28%">{t("privacyTools.preferences.topic")}</Table.Th>
            {PREFERENCE_CHANNELS.map((channel) => (
              <Table.Th key={channel}>{t(`privacyTools.channels.${channel}`)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {PREFERENCE_TOPICS.map((topic) => (
            <Table.Tr key={topic}>
              <Table.Th scope="row" fw={500}>
                {t(`privacyTools.topics.${topic}`)}
              </Table.Th>
              {PREFERENCE_CHANNELS.map((channel) => (
                <Table.Td key={channel} p={4}>
                  <PreferenceCell
                    topic={topic}
                    channel={channel}
                    choice={choiceOf(topic, channel)}
                    loaded={prefs !== null}
                    busy={pending === `${topic}.${channel}`}
                    onChoose={(status) => choose(topic, channel, status)}
                  />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      <Collapse expanded={historyOpen}>
        <div style={{ borderTop: "1px solid var(--mantine-color-gray-3)", maxHeight: 280, overflowY: "auto" }}>
          {changes.length === 0 ? (
            <Text fz="sm" c="dimmed" px="sm" py="xs">
              {t("privacyTools.preferences.historyEmpty")}
            </Text>
          ) : (
            <Table layout="fixed" striped="even" aria-label={t("privacyTools.preferences.historyLabel")} stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={140}>{t("privacyTools.preferences.historyAt")}</Table.Th>
                  <Table.Th>{t("privacyTools.preferences.topic")}</Table.Th>
                  <Table.Th w={100}>{t("privacyTools.preferences.historyChoice")}</Table.Th>
                  <Table.Th w={130}>{t("privacyTools.preferences.historySource")}</Table.Th>
                  <Table.Th>{t("privacyTools.preferences.historyBy")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {changes.map((change, index) => (
                  <Table.Tr key={`${change.changedAt}-${change.topic}-${change.channel}-${index}`}>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDateTime(change.changedAt)}</Table.Td>
                    <Table.Td style={{ overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>
                      {t(`privacyTools.topics.${change.topic}`)} · {t(`privacyTools.channels.${change.channel}`)}
                    </Table.Td>
                    <Table.Td c={change.status === "opted_in" ? "teal.8" : "red.8"}>{t(`privacyTools.status.${change.status}`)}</Table.Td>
                    <Table.Td>{t(`privacyTools.sources.${change.source}`)}</Table.Td>
                    <Table.Td style={{ overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>{change.changedBy ?? "—"}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </div>
      </Collapse>

      {confirming && (
        <ConfirmDialog
          title={t("privacyTools.preferences.optOutAllTitle", { name })}
          confirmLabel={t("privacyTools.preferences.optOutAll")}
          onConfirm={optOutAll}
          onClose={() => setConfirming(false)}
        >
          {t("privacyTools.preferences.optOutAllText", { source: t(`privacyTools.sources.${source}`) })}
        </ConfirmDialog>
      )}
    </CardSection>
  );
}
