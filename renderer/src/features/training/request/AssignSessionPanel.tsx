import { Alert, Anchor, Button, Loader, Paper, Table, Text, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError } from "../../../api/ApiError";
import { api } from "../../../api/client";
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
  onAssigned,
  onStale,
}: {
  request: RequestDetail;
  mayAssign: boolean;
  onAssigned(next: RequestDetail): void;
  onStale(): void;
}) {
  const { t } = useTranslation();
  const [sessions, setSessions] = useState<SessionRow[] | null>(null);
  const [reloads, setReloads] = useState(0);
  const [pending, setPending] = useState<number | null>(null);
  const [refusal, setRefusal] = useState<{ sessionId: number; message: string } | null>(null);
  const bookable = BOOKABLE_STATUSES.includes(request.status);

  useEffect(() => {
    let current = true;
    api.sessions
      .list({ courseId: request.courseId, from: genevaToday() })
      .then((list) => {
        if (current) setSessions(list);
      })
      .catch(notifyError);
    return () => {
      current = false;
    };
  }, [request.courseId, request.version, reloads]);

  async function assign(session: SessionRow) {
    setPending(session.id);
    setRefusal(null);
    try {
      const next = await api.training.assignSession({ id: request.id, version: request.version, sessionId: session.id });
      notifySuccess(t("training.request.assigned", { dates: sessionDates(session.startsOn, session.endsOn) }));
      onAssigned(next);
    } catch (error) {
      if (error instanceof ApiError && error.field === "version") {
        notifyError(error);
        onStale();
      } else if (error instanceof ApiError && (error.code === "CONFLICT" || error.code === "VALIDATION") && error.field === "sessionId") {
        setRefusal({ sessionId: session.id, message: error.message });
        setReloads((n) => n + 1);
      } else notifyError(error);
    } finally {
      setPending(null);
    }
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
                          onClick={() => void assign(session)}
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
