import { Badge, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { AlarmIcon } from "./reportIcons";
import type { ReportStatus, Severity } from "../../../../common/enums";

const STATUS_COLORS: Record<ReportStatus, string> = {
  new: "blue",
  triaged: "cyan",
  in_progress: "indigo",
  waiting_for_customer: "yellow",
  resolved: "teal",
  closed: "gray",
  reopened: "grape",
};

const SEVERITY_COLORS: Record<Severity, string> = { low: "gray", normal: "blue", high: "orange", critical: "red" };

export function StatusBadge({ status, size = "sm" }: { status: ReportStatus; size?: "sm" | "md" | "lg" }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} size={size}>
      {t(`reports.status.${status}`)}
    </Badge>
  );
}

/** Critical and high are filled, so they stand out in a column of badges even without colour. */
export function SeverityBadge({ severity, size = "sm" }: { severity: Severity; size?: "sm" | "md" | "lg" }) {
  const { t } = useTranslation();
  return (
    <Badge variant={severity === "critical" ? "filled" : severity === "high" ? "outline" : "light"} color={SEVERITY_COLORS[severity]} size={size}>
      {t(`reports.severity.${severity}`)}
    </Badge>
  );
}

/** Overdue is said in words with an icon, never by colour alone. */
export function OverdueMarker({ compact }: { compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group component="span" gap={4} wrap="nowrap" c="red.8" style={{ display: "inline-flex", verticalAlign: "middle" }}>
      <AlarmIcon size={compact ? 15 : 17} />
      <Text span fz={compact ? "xs" : "sm"} fw={700} c="red.8">
        {t("reports.overdue")}
      </Text>
    </Group>
  );
}

/** A row with a call-back past due: a red bar finds it in a long list (the cell says it in words). */
export function overdueRow(overdue: boolean) {
  return overdue ? { "data-overdue": true, style: { background: "var(--mantine-color-red-0)", boxShadow: "inset 4px 0 0 var(--mantine-color-red-7)" } } : {};
}
