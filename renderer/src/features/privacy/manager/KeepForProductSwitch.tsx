import { Paper, Switch } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../../api/client";
import type { Report } from "../../reports/reportTypes";

/**
 * A manager's "keep for the product" mark on an error report: when its reporter is erased, the
 * report stays for the product team without anything that identifies the person.
 */
export function KeepForProductSwitch({ report, onChanged, onFailed }: { report: Report; onChanged(report: Report): void; onFailed(error: unknown): void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);

  async function change(keep: boolean) {
    setBusy(true);
    try {
      onChanged(await api.reports.keepForProduct({ id: report.id, version: report.version, keep }));
    } catch (error) {
      onFailed(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder radius="md" p="md">
      <Switch
        label={t("privacyTools.keepForProduct.label")}
        description={t("privacyTools.keepForProduct.hint")}
        checked={report.keepForProduct}
        disabled={busy}
        onChange={(e) => void change(e.currentTarget.checked)}
      />
    </Paper>
  );
}
