import { Badge, Group, Text, VisuallyHidden } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { isoToSwiss } from "../../i18n/zurichTime";
import { daysBetween, DUE_SOON_DAYS, todayInZurich } from "./privacyDates";
import type { PrivacyStatus } from "../../../../common/enums";
import { isPending } from "./privacyTypes";

const STATUS_COLOR: Record<PrivacyStatus, string> = { open: "blue", extended: "orange", completed: "teal", refused: "gray" };

export function RequestStatusBadge({ status }: { status: PrivacyStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLOR[status]} size="sm">
      {t(`privacy.statuses.${status}`)}
    </Badge>
  );
}

/**
 * The due date as the register reads it: red with an "overdue" badge once passed, "in N days"
 * within a week, plain otherwise (and plain once the request is closed).
 */
export function DueDate({ dueOn, status, overdue }: { dueOn: string; status: PrivacyStatus; overdue: boolean }) {
  const { t } = useTranslation();
  const date = isoToSwiss(dueOn);
  if (!isPending(status)) return <span>{date}</span>;
  const days = daysBetween(todayInZurich(), dueOn);
  if (overdue)
    return (
      <Group gap={6} wrap="nowrap" component="span">
        <Text span fz="sm" fw={700} c="red.8">
          {date}
        </Text>
        <Badge color="red" variant="filled" size="xs" title={t("privacy.due.overdueBy", { count: -days })}>
          {t("privacy.due.overdue")}
        </Badge>
      </Group>
    );
  if (days <= DUE_SOON_DAYS)
    return (
      <Group gap={6} wrap="nowrap" component="span">
        <Text span fz="sm" fw={600} c="orange.8">
          {date}
        </Text>
        <Text span fz="xs" c="orange.8">
          {days === 0 ? t("privacy.due.today") : t("privacy.due.inDays", { count: days })}
        </Text>
        <VisuallyHidden>{t("privacy.due.soon")}</VisuallyHidden>
      </Group>
    );
  return <span>{date}</span>;
}
