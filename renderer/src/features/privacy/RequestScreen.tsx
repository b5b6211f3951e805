import { Alert, Anchor, Badge, Grid, Group, Loader, Paper, Stack, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { isApiError } from "../../api/ApiError";
import { useApiQuery } from "../../api/queries";
import { personName } from "../../../../common/person-name";
import { PageHeader } from "../../ui/PageHeader";
import { notifyError } from "../../ui/toasts";
import { formatDateTime, isoToSwiss } from "../../i18n/zurichTime";
import { CardSection, Facts } from "../../ui/CardSection";
import { AccessReportPanel, AccessReportView } from "./AccessReportPanel";
import { CorrectionsPanel } from "./CorrectionsPanel";
import { ErasurePanel } from "./ErasurePanel";
import { IdentityCheckPanel } from "./IdentityCheckPanel";
import { BackIcon } from "./privacyIcons";
import { daysBetween, todayInZurich } from "./privacyDates";
import { isPending, NEEDS_IDENTITY, REPORT_KINDS, type AccessReportResult } from "./privacyTypes";
import { ProcessingPanel } from "./ProcessingPanel";
import { DueDate, RequestStatusBadge } from "./RequestBadges";
import { ErasedRecord } from "./ErasedRecord";
import { UserText } from "../../ui/UserText";

/**
 * One privacy request: what was asked and when, the identity check that gates everything else,
 * then what the kind of request calls for (the access report, the erasure, the corrections) and
 * how it is closed.
 */
export function RequestScreen({ requestId }: { requestId: number }) {
  const { t } = useTranslation();
  const query = useApiQuery("privacy.requests.get", { id: requestId });
  const request = query.data ?? null;
  const missing = isApiError(query.error) && query.error.code === "NOT_FOUND";
  const [report, setReport] = useState<AccessReportResult | null>(null);
  const failure = query.error;
  useEffect(() => {
    if (failure && !(isApiError(failure) && failure.code === "NOT_FOUND")) notifyError(failure);
  }, [failure]);

  if (missing)
    return (
      <Paper withBorder radius="md" p="xl" maw={640} mx="auto" mt="xl">
        <Text>{t("privacy.request.notFound")}</Text>
        <Anchor component={Link} to="/privacy" fz="sm">
          {t("privacy.request.backToRegister")}
        </Anchor>
      </Paper>
    );
  if (!request) return <Loader size="sm" m="xl" aria-label={t("common.loading")} />;

  const pending = isPending(request.status);
  const needsIdentity = NEEDS_IDENTITY.includes(request.kind);
  const verified = request.identityMethod !== null;
  const person = request.person;
  const name = person ? personName(person) : null;
  const overdueDays = request.overdue ? -daysBetween(todayInZurich(), request.dueOn) : 0;
  // Nothing that hands out or removes data before the requester is known to be who they say.
  const blockedReason = needsIdentity && !verified && pending ? t("privacy.identity.blocked") : null;
  // The check still to do is the next step: it leads the working column until it is recorded.
  const checkFirst = !verified && pending && person !== null;
  const identity = <IdentityCheckPanel request={request} required={needsIdentity} />;

  return (
    <>
      <Anchor component={Link} to="/privacy" fz="sm" style={{ display: "inline-flex", alignItems: "center", gap: 2 }} mb={4}>
        <BackIcon size={14} />
        {t("privacy.request.backToRegister")}
      </Anchor>
      <PageHeader
        title={`${request.reference} · ${t(`privacy.kinds.${request.kind}`)}`}
        subtitle={
          person ? (
            <Anchor component={Link} to={`/people/${person.id}`} fz="sm">
              <UserText>{name}</UserText>
            </Anchor>
          ) : (
            <Text span fz="sm" fs="italic">
              {t("privacy.erasedPerson")}
            </Text>
          )
        }
        actions={
          <Group gap="xs">
            <RequestStatusBadge status={request.status} />
            {needsIdentity && (
              <Badge variant="light" color={verified ? "teal" : "orange"} size="sm">
                {verified ? t("privacy.identity.checkedShort") : t("privacy.identity.notCheckedShort")}
              </Badge>
            )}
          </Group>
        }
      />

      {request.overdue && (
        <Alert color="red" variant="light" mb="md" title={t("privacy.request.overdueTitle")}>
          {t("privacy.request.overdueText", { count: overdueDays, date: isoToSwiss(request.dueOn) })}
        </Alert>
      )}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <CardSection title={t("privacy.request.facts")}>
              <Facts
                items={[
                  { label: t("privacy.columns.person"), value: person ? <Anchor component={Link} to={`/people/${person.id}`} fz="sm"><UserText>{name}</UserText></Anchor> : <Text span fz="sm" fs="italic">{t("privacy.erasedPerson")}</Text> },
                  { label: t("privacy.columns.kind"), value: t(`privacy.kinds.${request.kind}`) },
                  { label: t("privacy.columns.channel"), value: t(`privacy.channels.${request.channel}`) },
                  { label: t("privacy.columns.receivedOn"), value: isoToSwiss(request.receivedOn) },
                  { label: t("privacy.columns.dueOn"), value: <DueDate dueOn={request.dueOn} status={request.status} overdue={request.overdue} /> },
                  ...(request.originalDueOn !== request.dueOn ? [{ label: t("privacy.request.originalDueOn"), value: isoToSwiss(request.originalDueOn) }] : []),
                  ...(request.extensionReason ? [{ label: t("privacy.request.extensionReason"), value: request.extensionReason }] : []),
                  { label: t("privacy.columns.status"), value: <RequestStatusBadge status={request.status} /> },
                  { label: t("privacy.request.createdBy"), value: t("privacy.request.byOn", { name: request.createdByName ?? "—", date: formatDateTime(request.createdAt) }) },
                  ...(request.closedAt ? [{ label: t("privacy.request.closedBy"), value: t("privacy.request.byOn", { name: request.closedByName ?? "—", date: formatDateTime(request.closedAt) }) }] : []),
                ]}
              />
              {request.details && (
                <Stack gap={2} mt="sm">
                  <Text fz="sm" c="dimmed">
                    {t("privacy.request.details")}
                  </Text>
                  <Text fz="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                    {request.details}
                  </Text>
                </Stack>
              )}
              {(request.outcome || request.refusalReason) && (
                <Stack gap={2} mt="sm">
                  <Text fz="sm" c="dimmed">
                    {request.refusalReason ? t("privacy.request.refusalReason") : t("privacy.request.outcome")}
                  </Text>
                  <Text fz="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
                    {request.refusalReason || request.outcome}
                  </Text>
                </Stack>
              )}
            </CardSection>
            {!checkFirst && identity}
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            {checkFirst && identity}
            {request.erasedCounts && <ErasedRecord request={request} />}
            {REPORT_KINDS.includes(request.kind) && pending && <AccessReportPanel request={request} blockedReason={blockedReason} result={report} onResult={setReport} />}
            {request.kind === "erasure" && pending && person && <ErasurePanel request={request} blockedReason={blockedReason} />}
            {request.kind === "rectification" && person && <CorrectionsPanel request={request} blockedReason={blockedReason} />}
            <ProcessingPanel request={request} blockedReason={blockedReason} onStale={() => void query.refetch()} />
          </Stack>
        </Grid.Col>
      </Grid>
      {report && (
        <div style={{ marginTop: "var(--mantine-spacing-md)" }}>
          <AccessReportView result={report} />
        </div>
      )}
    </>
  );
}
