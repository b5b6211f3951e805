import { Anchor, Badge, Group, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { formatDate } from "../../i18n/zurichTime";
import { CardSection } from "../../ui/CardSection";
import type { ReportStatus } from "../../../../common/enums";
import type { CardReport, CardTraining } from "./types";
import { UserText } from "../../ui/UserText";

const OPEN_REPORT = new Set<ReportStatus>(["new", "triaged", "in_progress", "waiting_for_customer", "reopened"]);
const OPEN_TRAINING = new Set(["requested", "contacted", "scheduled", "confirmed"]);

/** "Where is my report?": every report of the person with its status, each opening the report; `action`: the shell's "new report" button. */
export function ReportsSection({ reports, action }: { reports: CardReport[]; action?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <CardSection title={t("people.card.reports")} count={reports.length || undefined} actions={action}>
      {reports.length === 0 ? (
        <Text fz="sm" c="dimmed" py={4}>
          {t("people.card.noReports")}
        </Text>
      ) : (
        reports.map((report) => (
          <Group key={report.id} gap={8} wrap="nowrap" py={5} style={{ borderBottom: "1px solid var(--mantine-color-gray-2)" }}>
            <Anchor component={Link} to={`/reports/${report.id}`} ff="monospace" fz="sm" style={{ flex: "none" }}>
              {report.reference}
            </Anchor>
            <Text fz="sm" truncate="end" style={{ flex: 1, minWidth: 0 }} title={report.title}>
              <UserText>{report.title}</UserText>
            </Text>
            <ReportStatusBadge status={report.status} />
            <Text fz="xs" c="dimmed" style={{ flex: "none", fontVariantNumeric: "tabular-nums" }}>
              {formatDate(report.createdAt)}
            </Text>
          </Group>
        ))
      )}
    </CardSection>
  );
}

/** Where a report stands, as the card and the company page show it: open in orange, done in teal. */
export function ReportStatusBadge({ status }: { status: ReportStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={OPEN_REPORT.has(status) ? "orange" : "teal"} size="sm" style={{ flex: "none" }}>
      {t(`people.reportStatuses.${status}`)}
    </Badge>
  );
}

/** The person's training requests and where each stands; `action`: the shell's "new request" button. */
export function TrainingSection({ training, action }: { training: CardTraining[]; action?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <CardSection title={t("people.card.training")} count={training.length || undefined} actions={action}>
      {training.length === 0 ? (
        <Text fz="sm" c="dimmed" py={4}>
          {t("people.card.noTraining")}
        </Text>
      ) : (
        training.map((request) => (
          <Group key={request.id} gap={8} wrap="nowrap" py={5} style={{ borderBottom: "1px solid var(--mantine-color-gray-2)" }}>
            <Text ff="monospace" fz="sm" style={{ flex: "none" }}>
              {request.courseCode}
            </Text>
            <Text fz="sm" truncate="end" style={{ flex: 1, minWidth: 0 }} title={request.courseTitle}>
              {request.courseTitle}
            </Text>
            <Badge variant="light" color={OPEN_TRAINING.has(request.status) ? "grape" : request.status === "cancelled" ? "gray" : "teal"} size="sm" style={{ flex: "none" }}>
              {t(`people.trainingStatuses.${request.status}`)}
            </Badge>
            <Text fz="xs" c="dimmed" style={{ flex: "none", fontVariantNumeric: "tabular-nums" }}>
              {formatDate(request.createdAt)}
            </Text>
          </Group>
        ))
      )}
    </CardSection>
  );
}
