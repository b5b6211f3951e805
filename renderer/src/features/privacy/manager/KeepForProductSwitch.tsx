import { Paper, Switch } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useApiMutation, type OpOutput } from "../../../api/queries";
import { notifyError } from "../../../ui/toasts";

/** What the switch needs of a report: which one, at which version, and its current mark. */
export interface KeepForProductReport {
  id: number;
  version: number;
  keepForProduct: boolean;
}

/**
 * A manager's "keep for the product" mark on an error report: when its reporter is erased, the
 * report stays for the product team without anything that identifies the person. Self-contained
 * (the report's id, version and mark in; the report re-reads itself after the write): the shell
 * puts it in the report detail's slot, for those who may call `reports.keepForProduct`.
 */
export function KeepForProductSwitch({
  report,
  onChanged,
  onFailed = notifyError,
}: {
  report: KeepForProductReport;
  /** The report as saved, for a screen that keeps its own copy (it is read again anyway). */
  onChanged?(report: OpOutput<"reports.keepForProduct">): void;
  onFailed?(error: unknown): void;
}) {
  const { t } = useTranslation();
  const keep = useApiMutation("reports.keepForProduct", { onSuccess: (saved) => onChanged?.(saved) });

  return (
    <Paper withBorder radius="md" p="md">
      <Switch
        label={t("privacyTools.keepForProduct.label")}
        description={t("privacyTools.keepForProduct.hint")}
        checked={report.keepForProduct}
        disabled={keep.isPending}
        onChange={(e) => keep.mutate({ id: report.id, version: report.version, keep: e.currentTarget.checked }, { onError: onFailed })}
      />
    </Paper>
  );
}
