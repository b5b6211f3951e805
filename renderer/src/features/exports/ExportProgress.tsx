import { Alert, Button, Group, Paper, Progress, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { timeLeftParts } from "./exportChoice";
import type { ExportJob } from "./exportTypes";

const grouped = (n: number) => n.toLocaleString("de-CH");

/** Rows done out of the total, the time left, and Cancel while it runs; the outcome after. */
export function ExportProgress({ job, onCancel, onClose }: { job: ExportJob; onCancel(): void; onClose(): void }) {
  const { t } = useTranslation();
  const percent = job.total > 0 ? Math.min(100, Math.round((job.done / job.total) * 100)) : job.status === "done" ? 100 : 0;

  if (job.status === "cancelled" || job.status === "failed") {
    return (
      <Alert role="status" color={job.status === "failed" ? "red" : "gray"} variant="light" withCloseButton onClose={onClose}>
        {t(job.status === "failed" ? "exports.failed" : "exports.cancelled")}
      </Alert>
    );
  }

  const left = job.msLeft !== null && job.status === "running" ? timeLeftParts(job.msLeft) : null;
  return (
    <Paper withBorder radius="md" p="sm">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap">
          <Text fz="sm" fw={600} style={{ fontVariantNumeric: "tabular-nums" }}>
            {t("exports.progress", { done: grouped(job.done), total: grouped(job.total) })} · {percent} %
          </Text>
          <Group gap="sm" wrap="nowrap">
            {left && (
              <Text fz="sm" c="dimmed">
                {t("exports.timeLeft", { time: t(`exports.${left.unit}`, { count: left.count }) })}
              </Text>
            )}
            {job.status === "running" && (
              <Button size="xs" variant="default" color="red" onClick={onCancel}>
                {t("exports.cancel")}
              </Button>
            )}
          </Group>
        </Group>
        <Progress value={percent} size="lg" animated={job.status === "running"} color={job.status === "done" ? "teal" : "blue"} aria-label={t("exports.progress", { done: job.done, total: job.total })} />
        {job.status === "done" && (
          <Text fz="sm" role="status" c="teal.8">
            {t("exports.done", { count: job.done, file: job.fileName })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
