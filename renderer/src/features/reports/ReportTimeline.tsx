import { Group, Text, ThemeIcon, Timeline, VisuallyHidden } from "@mantine/core";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime, machineTime } from "../../i18n/zurichTime";
import { StatusBadge } from "./ReportBadges";
import { AssignIcon, CommentIcon, CreatedIcon, PhoneIcon, StatusIcon, UpdateIcon } from "./reportIcons";
import type { ReportEvent } from "./reportTypes";

const KIND_ICON: Record<ReportEvent["kind"], { icon: ReactNode; color: string }> = {
  created: { icon: <CreatedIcon size={14} />, color: "blue" },
  comment: { icon: <CommentIcon size={14} />, color: "gray" },
  status: { icon: <StatusIcon size={14} />, color: "indigo" },
  assignment: { icon: <AssignIcon size={14} />, color: "cyan" },
  callback: { icon: <PhoneIcon size={14} />, color: "teal" },
  update: { icon: <UpdateIcon size={14} />, color: "gray" },
};

/** Field codes the server lists in an update event, named as the form names them. */
function fieldsLabel(t: TFunction, codes: string): string {
  return codes
    .split(",")
    .map((code) => code.trim())
    .filter(Boolean)
    .map((code) => t(`reports.fieldNames.${code}` as never, { defaultValue: code }) as string)
    .join(", ");
}

function headline(t: TFunction, event: ReportEvent): ReactNode {
  const author = event.author ?? t("reports.timeline.system");
  switch (event.kind) {
    case "created":
      return t("reports.timeline.created", { author });
    case "comment":
      return t("reports.timeline.comment", { author });
    case "status":
      return (
        <Group gap={6} component="span" wrap="wrap">
          <span>{t("reports.timeline.status", { author })}</span>
          {event.fromStatus && <StatusBadge status={event.fromStatus} />}
          <span aria-hidden>→</span>
          <VisuallyHidden>{t("reports.timeline.to")}</VisuallyHidden>
          {event.toStatus && <StatusBadge status={event.toStatus} />}
        </Group>
      );
    case "assignment":
      return event.assignee ? t("reports.timeline.assigned", { author, assignee: event.assignee }) : t("reports.timeline.unassigned", { author });
    case "callback":
      return t("reports.timeline.callback", { author, outcome: event.outcome ? t(`reports.outcome.${event.outcome}`) : "" });
    case "update":
      return t("reports.timeline.update", { author, fields: fieldsLabel(t, event.text) });
  }
}

/** Everything that happened to the report, newest first, each with who and when. Texts stay text. */
export function ReportTimeline({ events }: { events: readonly ReportEvent[] }) {
  const { t } = useTranslation();
  return (
    <Timeline bulletSize={26} lineWidth={2} active={-1} aria-label={t("reports.timeline.title")}>
      {events.map((event) => {
        const look = KIND_ICON[event.kind];
        const body = event.kind === "update" ? "" : event.text;
        return (
          <Timeline.Item
            key={event.id}
            bullet={
              <ThemeIcon size={26} radius="xl" variant="light" color={look.color}>
                {look.icon}
              </ThemeIcon>
            }
            title={
              <Group justify="space-between" wrap="nowrap" align="flex-start" gap="md">
                <Text fz="sm" fw={600} component="div">
                  {headline(t, event)}
                </Text>
                <Text fz="xs" c="dimmed" style={{ flex: "none" }} component="time" dateTime={machineTime(event.at)}>
                  {formatDateTime(event.at)}
                </Text>
              </Group>
            }
          >
            {body && (
              <Text fz="sm" mt={4} style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                {body}
              </Text>
            )}
            {event.nextCallbackAt !== null && (
              <Text fz="xs" c="dimmed" mt={4}>
                {t("reports.timeline.nextCallback", { at: formatDateTime(event.nextCallbackAt) })}
              </Text>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
