import { Alert, Button, Group, Paper, SegmentedControl, Select, Stack, Text } from "@mantine/core";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { fetchApi } from "../../../api/queries";
import { saveFile } from "../../../ui/fileDownload";
import { ExportIcon } from "../../../ui/icons";
import { notifyError } from "../../../ui/toasts";
import { PREFERENCE_CHANNELS, PREFERENCE_TOPICS, type PreferenceChannel, type PreferenceTopic } from "../../../../../common/enums";

/** The current mailing list of one topic on one channel, as the CSV the mailing tool imports. */
export function MailingListsPanel() {
  const { t } = useTranslation();
  const channelId = useId();
  const [topic, setTopic] = useState<PreferenceTopic>("newsletter");
  const [channel, setChannel] = useState<PreferenceChannel>("email");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ rows: number; fileName: string } | null>(null);

  async function exportList() {
    setBusy(true);
    setResult(null);
    try {
      const file = await fetchApi("mailing.export", { topic, channel });
      saveFile(new Blob([file.csv], { type: "text/csv;charset=utf-8" }), file.fileName);
      setResult({ rows: file.rows, fileName: file.fileName });
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder radius="md" p="lg" maw={720}>
      <Stack gap="md">
        <Text fz="sm" c="dimmed">
          {t("privacyTools.mailing.intro")}
        </Text>
        <Group align="flex-end" gap="md">
          <Select
            label={t("privacyTools.mailing.topic")}
            w={260}
            data={PREFERENCE_TOPICS.map((value) => ({ value, label: t(`privacyTools.topics.${value}`) }))}
            value={topic}
            allowDeselect={false}
            onChange={(value) => {
              if (value) setTopic(value as PreferenceTopic);
              setResult(null);
            }}
          />
          <div>
            <Text component="label" id={channelId} fz="sm" fw={500} display="block" mb={4}>
              {t("privacyTools.mailing.channel")}
            </Text>
            <SegmentedControl
              aria-labelledby={channelId}
              data={PREFERENCE_CHANNELS.map((value) => ({ value, label: t(`privacyTools.channels.${value}`) }))}
              value={channel}
              onChange={(value) => {
                setChannel(value as PreferenceChannel);
                setResult(null);
              }}
            />
          </div>
          <Button leftSection={<ExportIcon size={16} />} loading={busy} onClick={() => void exportList()}>
            {t("privacyTools.mailing.export")}
          </Button>
        </Group>
        {/* Always present, so the form does not move when the result appears. */}
        <div role="status" aria-live="polite" style={{ minHeight: 50 }}>
          {result && (
            <Alert color={result.rows > 0 ? "teal" : "gray"} variant="light" py={8}>
              {result.rows > 0 ? t("privacyTools.mailing.done", { count: result.rows, file: result.fileName }) : t("privacyTools.mailing.empty", { file: result.fileName })}
            </Alert>
          )}
        </div>
      </Stack>
    </Paper>
  );
}
