import { Alert, Anchor, Button, Loader, Paper, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useApiMutation, useApiQuery } from "../../../api/queries";
import { notifyError, notifySuccess } from "../../../ui/toasts";
import { genevaToday, sessionDates } from "../shared/dates";
import { SessionStatusBadge } from "../shared/StatusBadge";
import { BOOKABLE_STATUSES, OPEN_SESSION_STATUSES, type RequestDetail, type SessionRow } from "../trainingTypes";

/**
 * Sessions of the request's course from today on, with the seats left; booking one schedules the
 * request. The server counts the seats inside its transaction, so a refusal here (someone booked
 * the last seats meanwhile) comes back as CONFLICT with the seats left, shown in place.
 */
export function AssignSessionPanel({
  request,
  mayAssign,
  onStale,
}: {
  request: RequestDetail;
  mayAssign: boolean;
  onStale(): void;
}) {
  const { t } = useTranslation();
  const listing = useApiQuery("sessions.list", { courseId: request.courseId, from: genevaToday() });
  const sessions = listing.data ?? null;
  const booking = useApiMutation("training.assignSession");
  const pending = booking.isPending ? (booking.variables?.sessionId ?? null) : null;
  const [refusal, setRefusal] = useState<{ sessionId: number; message: string } | null>(null);
  const bookable = BOOKABLE_STATUSES.includes(request.status);

  function assign(session: SessionRow) {
    setRefusal(null);
    booking.mutate(
      { id: request.id, version: request.version, sessionId: session.id },
      {
        onSuccess: () => notifySuccess(t("training.request.assigned", { dates: sessionDates(session.startsOn, session.endsOn) })),
        onError: (error) => {
          if (error.field === "version") {
            notifyError(error);
            onStale();
          } else if ((error.code === "CONFLICT" || error.code === "VALIDATION") && error.field === "sessionId") {
            // Someone took the seats meanwhile: the refusal says how many are left, the list shows it.
            setRefusal({ sessionId: session.id, message: error.message });
            void listing.refetch();
          } else notifyError(error);
        },
      },
    );
  }

  return (
    <Paper withBorder radius="md" p="md">
      <Title order={3} mb={4}>
        {t("training.request.assignTitle")}
      </Title>
      <Text fz="sm" c="dimmed" mb="sm">
        {!bookable
          ? t("training.request.notBookable", { status: t(`training.status.${request.status}`) })
          : mayAssign
            ? t("training.request.assignHint", { count: request.participants })
            : t("training.request.assignNotAllowed")}
      </Text>
      {refusal && (
        <Alert role="alert" color="red" variant="light" mb="sm" withCloseButton onClose={() => setRefusal(null)} title={t("training.request.assignRefused")}>
          {refusal.message}
        </Alert>
      )}
      {sessions === null ? (
        <Loader size="sm" aria-label={t("training.loading")} />
      ) : sessions.length === 0 ? (
        <Text fz="sm" c="dimmed" py="sm">
          {t("training.request.noSessions")}
        </Text>
      ) : (
        <Table aria-label={t("training.request.sessionsLabel")} highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("training.session.dates")}</Table.Th>
              <Table.Th>{t("training.session.place")}</Table.Th>
              <Table.Th>{t("training.session.status")}</Table.Th>
              <Table.Th ta="right" style={{ whiteSpace: "nowrap" }}>
                {t("training.session.seatsLeft")}
              </Table.Th>
              {mayAssign && bookable && <Table.Th w={1} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sessions.map((session) => {
              const isCurrent = request.sessionId === session.id && request.status === "scheduled";
              const open = OPEN_SESSION_STATUSES.includes(session.status);
              return (
                <Table.Tr key={session.id} bg={refusal?.sessionId === session.id ? "red.0" : undefined}>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Anchor component={Link} to={`/training/sessions/${session.id}`} fz="sm">
                      {sessionDates(session.startsOn, session.endsOn)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm" lineClamp={2}>
                      {session.place}
                    </Text>
                    {session.trainer && (
                      <Text fz="xs" c="dimmed">
                        {session.trainer}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <SessionStatusBadge status={session.status} />
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                    <Text span fz="sm" fw={600} c={!isCurrent && session.seatsLeft < request.participants ? "red.7" : undefined}>
                      {t("training.session.seatsOf", { left: session.seatsLeft, capacity: session.capacity })}
                    </Text>
                  </Table.Td>
                  {mayAssign && bookable && (
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      {isCurrent ? (
                        <Text fz="sm" c="dimmed">
                          {t("training.request.currentSession")}
                        </Text>
                      ) : (
                        <Button
                          size="compact-sm"
                          variant="light"
                          disabled={!open || (pending !== null && pending !== session.id)}
                          loading={pending === session.id}
                          aria-label={t("training.request.assignLabel", { dates: sessionDates(session.startsOn, session.endsOn) })}
                          onClick={() => assign(session)}
                        >
                          {t("training.request.assign")}
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
