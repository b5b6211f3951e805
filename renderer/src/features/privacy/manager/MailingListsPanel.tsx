import { Alert, Button, Group, Paper, SegmentedControl, Select, Stack, Text } from "@mantine/core";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api/client";
import { saveFile } from "../../../ui/fileDownload";
import { ExportIcon } from "../../../ui/icons";
import { notifyError } from "../../../ui/toasts";
import { CHANNELS, TOPICS, type PreferenceChannel, type Topic } from "../preferences/preferenceTypes";

/** The current mailing list of one topic on one channel, as the CSV the mailing tool imports. */
export function MailingListsPanel() {
  const { t } = useTranslation();
  const channelId = useId();
  const [topic, setTopic] = useState<Topic>("newsletter");
  const [channel, setChannel] = useState<PreferenceChannel>("email");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ rows: number; fileName: string } | null>(null);

  async function exportList() {
    setBusy(true);
    setResult(null);
    try {
      const file = await api.mailing.export({ topic, channel });
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
            data={TOPICS.map((value) => ({ value, label: t(`privacyTools.topics.${value}`) }))}
            value={topic}
            allowDeselect={false}
            onChange={(value) => {
              if (value) setTopic(value as Topic);
              setResult(null);
            }}
          />
          <div>
            <Text component="label" id={channelId} fz="sm" fw={500} display="block" mb={4}>
              {t("privacyTools.mailing.channel")}
            </Text>
            <SegmentedControl
              aria-labelledby={channelId}
              data={CHANNELS.map((value) => ({ value, label: t(`privacyTools.channels.${value}`) }))}
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
