import { Alert, Button, Group, Loader, NativeSelect, Paper, SegmentedControl, Stack, Text } from "@mantine/core";
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { fetchApi, useApiQuery } from "../../api/queries";
import { ApiError } from "../../api/ApiError";
import { PageHeader } from "../../ui/PageHeader";
import { notifyError } from "../../ui/toasts";
import { ColumnPicker } from "./ColumnPicker";
import { ExportFilterFields } from "./ExportFilterFields";
import { ExportProgress } from "./ExportProgress";
import { initialChoice, toFilters } from "./exportChoice";
import type { ExportChoice, ExportFormat, ExportPreview, RecordSetKey } from "./exportTypes";
import { PreviewTable } from "./PreviewTable";
import { useExportJob } from "./useExportJob";

/**
 * Exports (managers, administrators, and users an administrator granted): a record set, its
 * filters, the columns in order and the format; a preview of the first rows with the count; then
 * the export runs on the server with a progress bar and lands as a download.
 */
export function ExportScreen() {
  const { t } = useTranslation();
  const answer = useApiQuery("exports.recordSets", {}).data;
  const sets = answer?.recordSets ?? null;
  const allowed = answer?.allowed ?? true;
  // The first record set with its default columns until the user chooses.
  const [chosen, setChoice] = useState<ExportChoice | null>(null);
  const first = sets?.[0];
  const choice = chosen ?? (first ? initialChoice(first) : null);
  const [preview, setPreview] = useState<{ key: string; value: ExportPreview } | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const exportJob = useExportJob();
  const setId = useId();

  const set = useMemo(() => sets?.find((s) => s.key === choice?.recordSet), [sets, choice?.recordSet]);
  // The code style is part of what is previewed: the preview shows the cells as the file will.
  const selection = useMemo(
    () => (choice && set ? { recordSet: choice.recordSet, columns: choice.columns, filters: toFilters(choice, set), codes: choice.format === "json" ? ("codes" as const) : choice.codes } : null),
    [choice, set],
  );
  const selectionKey = JSON.stringify(selection);
  const currentPreview = preview?.key === selectionKey ? preview.value : null;

  if (!allowed) return <Alert color="gray" variant="light" title={t("exports.title")}>{t("exports.notAllowed")}</Alert>;
  if (!sets || !choice || !set || !selection) return <Loader size="sm" aria-label={t("common.loading")} />;

  const change = (next: ExportChoice) => {
    setFieldError(null);
    setChoice(next);
  };

  const explain = (error: unknown) => {
    if (error instanceof ApiError && error.code === "VALIDATION") setFieldError(error.message);
    else notifyError(error);
  };

  const runPreview = async () => {
    setPreviewing(true);
    try {
      setPreview({ key: selectionKey, value: await fetchApi("exports.preview", selection) });
    } catch (error) {
      explain(error);
    } finally {
      setPreviewing(false);
    }
  };

  const runExport = async () => {
    try {
      await exportJob.start({ ...selection, format: choice.format, delimiter: choice.delimiter, dateStyle: choice.dateStyle });
    } catch (error) {
      explain(error);
    }
  };

  return (
    <Stack gap="md">
      <PageHeader title={t("exports.title")} subtitle={t("exports.subtitle")} />
      <Group gap="md" align="flex-start" wrap="nowrap">
        <div style={{ width: 340, flex: "none" }}>
          <Paper withBorder radius="md" p="md">
            <Stack gap="sm">
              <NativeSelect
                id={setId}
                label={t("exports.recordSet")}
                data={sets.map((s) => ({ value: s.key, label: s.label }))}
                value={choice.recordSet}
                disabled={exportJob.running}
                onChange={(e) => change(initialChoice(sets.find((s) => s.key === (e.currentTarget.value as RecordSetKey))!, choice))}
              />
              <ColumnPicker set={set} value={choice.columns} onChange={(columns) => change({ ...choice, columns })} />
            </Stack>
          </Paper>
        </div>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Stack gap="md">
            <Paper withBorder radius="md" p="md">
              <Stack gap="sm">
                <Text fz="sm" fw={600}>
                  {t("exports.filters")}
                </Text>
                <ExportFilterFields set={set} choice={choice} onChange={change} />
                <Group gap="lg" align="flex-end" mt={4}>
                  <FormatChoice label={t("exports.format")} value={choice.format} onChange={(format) => change({ ...choice, format })} />
                  {choice.format === "csv" && (
                    <FieldChoice
                      label={t("exports.delimiter")}
                      value={choice.delimiter}
                      options={[
                        { value: ";", label: t("exports.semicolon") },
                        { value: ",", label: t("exports.comma") },
                      ]}
                      onChange={(delimiter) => change({ ...choice, delimiter })}
                    />
                  )}
                  {choice.format !== "json" && (
                    <FieldChoice
                      label={t("exports.dates")}
                      value={choice.dateStyle}
                      options={[
                        { value: "swiss", label: t("exports.swissDates") },
                        { value: "iso", label: t("exports.isoDates") },
                      ]}
                      onChange={(dateStyle) => change({ ...choice, dateStyle })}
                    />
                  )}
                  {choice.format !== "json" && set.columns.some((c) => c.coded && choice.columns.includes(c.key)) && (
                    <FieldChoice
                      label={t("exports.codes")}
                      value={choice.codes}
                      options={[
                        { value: "labels", label: t("exports.codeLabels") },
                        { value: "codes", label: t("exports.codeCodes") },
                      ]}
                      onChange={(codes) => change({ ...choice, codes })}
                    />
                  )}
                </Group>
                {fieldError && (
                  <Text c="red.8" fz="sm" role="alert">
                    {fieldError}
                  </Text>
                )}
                <Group justify="flex-end" gap="sm">
                  <Button variant="default" loading={previewing} onClick={() => void runPreview()} disabled={choice.columns.length === 0}>
                    {t("exports.preview")}
                  </Button>
                  <Button onClick={() => void runExport()} disabled={exportJob.running || choice.columns.length === 0}>
                    {t("exports.export")}
                  </Button>
                </Group>
              </Stack>
            </Paper>
            {exportJob.job && <ExportProgress job={exportJob.job} onCancel={() => void exportJob.cancel()} onClose={exportJob.clear} />}
            {currentPreview ? (
              <Stack gap={6}>
                <Text fz="sm" fw={600} role="status">
                  {t("exports.previewTitle", { shown: currentPreview.rows.length, total: currentPreview.total.toLocaleString("de-CH") })}
                </Text>
                <PreviewTable preview={currentPreview} />
              </Stack>
            ) : (
              <Text c="dimmed" fz="sm">
                {t("exports.previewHint")}
              </Text>
            )}
          </Stack>
        </div>
      </Group>
    </Stack>
  );
}

function FieldChoice<V extends string>({ label, value, options, onChange }: { label: string; value: V; options: { value: V; label: string }[]; onChange(v: V): void }) {
  const id = useId();
  return (
    <Stack gap={4}>
      <Text component="label" fz="sm" fw={500} id={id}>
        {label}
      </Text>
      <SegmentedControl size="sm" aria-labelledby={id} value={value} data={options} onChange={(v) => onChange(v as V)} />
    </Stack>
  );
}

function FormatChoice({ label, value, onChange }: { label: string; value: ExportFormat; onChange(v: ExportFormat): void }) {
  const { t } = useTranslation();
  return (
    <FieldChoice
      label={label}
      value={value}
      options={[
        { value: "csv", label: t("exports.formatCsv") },
        { value: "xlsx", label: t("exports.formatXlsx") },
        { value: "json", label: t("exports.formatJson") },
      ]}
      onChange={onChange}
    />
  );
}
