import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { usePrivacyCounts } from "./usePrivacyCounts";

/** On the rail's privacy entry: how many requests await an answer, red as soon as one is overdue. */
export function PrivacyRailBadge() {
  const { t } = useTranslation();
  const counts = usePrivacyCounts();
  if (!counts || counts.pending === 0) return null;
  const label = counts.overdue > 0 ? t("privacy.rail.withOverdue", { count: counts.pending, overdue: counts.overdue }) : t("privacy.rail.pending", { count: counts.pending });
  return (
    <Badge
      size="sm"
      circle={counts.pending < 10}
      color={counts.overdue > 0 ? "red" : "jet"}
      variant="filled"
      aria-label={label}
      title={label}
      data-testid="privacy-rail-badge"
      data-overdue={counts.overdue > 0 || undefined}
      style={{ position: "absolute", top: 4, right: 10, pointerEvents: "none" }}
    >
      {counts.pending > 99 ? "99+" : counts.pending}
    </Badge>
  );
}
