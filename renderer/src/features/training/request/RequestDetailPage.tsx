import { Anchor, Button, Grid, Group, Paper, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useCan } from "../../../api/capabilities";
import { useApiMutation, useApiQuery } from "../../../api/queries";
import { notifyError, notifySuccess } from "../../../ui/toasts";
import { formatDateTime } from "../../../i18n/zurichTime";
import { useCourses } from "../shared/useCourses";
import { isoToSwiss } from "../shared/dates";
import { DetailPage } from "../shared/DetailPage";
import { FactList } from "../shared/FactList";
import { RequestStatusBadge } from "../shared/StatusBadge";
import type { TrainingStatus } from "../../../../../common/enums";
import type { RequestDetail } from "../trainingTypes";
import { AssignSessionPanel } from "./AssignSessionPanel";
import { CancelRequestModal } from "./CancelRequestModal";
import { UserText } from "../../../ui/UserText";

/** What the button says for a move: un-scheduling reads differently from a first contact. */
function actionKey(from: TrainingStatus, to: TrainingStatus) {
  if (from === "scheduled" && to === "contacted") return "training.request.actions.unschedule" as const;
  return `training.request.actions.${to}` as const;
}

export function RequestDetailPage() {
  const { t } = useTranslation();
  const query = useApiQuery("training.get", { id: Number(useParams().id) });
  return (
    <DetailPage query={query} notFound={t("training.request.notFound")}>
      {(request) => <RequestView request={request} reload={() => void query.refetch()} />}
    </DetailPage>
  );
}

/** One request: what was asked, its moves, and the sessions it can be booked into. */
function RequestView({ request, reload }: { request: RequestDetail; reload(): void }) {
  const { t } = useTranslation();
  const can = useCan();
  const { titleOf } = useCourses();
  const change = useApiMutation("training.setStatus");
  const pending: TrainingStatus | null = change.isPending ? (change.variables?.status ?? null) : null;
  const [cancelling, setCancelling] = useState(false);
  const changed = (to: TrainingStatus) => notifySuccess(t("training.request.statusChanged", { status: t(`training.status.${to}`) }));

  function setStatus(to: TrainingStatus) {
    change.mutate(
      { id: request.id, version: request.version, status: to },
      {
        onSuccess: () => changed(to),
        onError: (error) => {
          notifyError(error);
          // Someone else moved the request meanwhile: show where it is now.
          if (error.field === "version" || error.field === "status") reload();
        },
      },
    );
  }

  const moves = request.allowedStatuses.filter((status) => status !== "scheduled");
  const callback = request.callbackConsent
    ? request.callbackPhoneDisplay
      ? t("training.request.callbackOn", { phone: request.callbackPhoneDisplay })
      : t("training.request.callbackYes")
    : t("training.request.callbackNo");

  return (
    <>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Group gap="sm" align="center">
            <Title order={2}>{t("training.request.title", { id: request.id })}</Title>
            <RequestStatusBadge status={request.status} />
          </Group>
          <Text fz="sm" c="dimmed">
            <Text span ff="monospace" fz="xs" mr={6}>
              {request.courseCode}
            </Text>
            {titleOf(request.courseId, request.courseTitle)}
          </Text>
        </div>
        <Group gap="xs" wrap="nowrap" aria-label={t("training.request.actionsLabel")} role="group">
          {moves.map((to) => (
            <Button
              key={to}
              variant={to === "cancelled" ? "default" : "light"}
              color={to === "cancelled" ? "red" : undefined}
              loading={pending === to}
              disabled={pending !== null}
              onClick={() => (to === "cancelled" ? setCancelling(true) : setStatus(to))}
            >
              {t(actionKey(request.status, to))}
            </Button>
          ))}
        </Group>
      </Group>

      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Paper withBorder radius="md" p="md">
            <FactList
              facts={[
                {
                  label: t("training.fields.person"),
                  value: (
                    <Anchor component={Link} to={`/people/${request.personId}`} fz="sm">
                      <UserText>{request.person}</UserText>
                    </Anchor>
                  ),
                },
                { label: t("training.fields.company"), value: request.company ? <UserText>{request.company}</UserText> : "" },
                { label: t("training.fields.participants"), value: String(request.participants) },
                { label: t("training.fields.language"), value: t(`training.language.${request.language}`) },
                { label: t("training.fields.format"), value: t(`training.format.${request.format}`) },
                { label: t("training.fields.preferredPeriod"), value: request.preferredPeriod ? <UserText>{request.preferredPeriod}</UserText> : "" },
                {
                  label: t("training.fields.session"),
                  value:
                    request.sessionId && request.sessionStartsOn ? (
                      <Anchor component={Link} to={`/training/sessions/${request.sessionId}`} fz="sm">
                        {t("training.request.sessionOf", { date: isoToSwiss(request.sessionStartsOn) })}
                      </Anchor>
                    ) : (
                      ""
                    ),
                },
                { label: t("training.fields.callback"), value: callback },
                { label: t("training.fields.notes"), value: request.notes ? <UserText>{request.notes}</UserText> : "", wide: true },
                ...(request.status === "cancelled" ? [{ label: t("training.fields.cancelReason"), value: request.cancelReason ? <UserText>{request.cancelReason}</UserText> : "", wide: true }] : []),
                { label: t("training.fields.createdAt"), value: `${formatDateTime(request.createdAt)}${request.createdBy ? ` · ${request.createdBy}` : ""}` },
                { label: t("training.fields.updatedAt"), value: formatDateTime(request.updatedAt) },
              ]}
            />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <AssignSessionPanel
            request={request}
            mayAssign={can("training.assignSession")}
            onStale={reload}
          />
        </Grid.Col>
      </Grid>

      {cancelling && (
        <CancelRequestModal
          request={request}
          onClose={() => setCancelling(false)}
          onCancelled={() => {
            setCancelling(false);
            changed("cancelled");
          }}
        />
      )}
    </>
  );
}
