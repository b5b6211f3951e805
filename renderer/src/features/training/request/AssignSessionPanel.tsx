import { Alert, Anchor, Button, Paper, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useApiMutation, useApiQuery } from "../../../api/queries";
import { DataTable, tableColumns } from "../../../ui/DataTable";
import { notifyError, notifySuccess } from "../../../ui/toasts";
import { genevaToday, sessionDates } from "../shared/dates";
import { Figure } from "../shared/Figure";
import { SessionStatusBadge } from "../shared/StatusBadge";
import { BOOKABLE_STATUSES, OPEN_SESSION_STATUSES, type RequestDetail, type SessionRow } from "../trainingTypes";

const column = tableColumns<SessionRow>();

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

  const offered = mayAssign && bookable;
  // Rebuilt on each render: the booking cells follow the request and the booking under way.
  const columns = [
    column.accessor((session) => sessionDates(session.startsOn, session.endsOn), {
      id: "dates",
      header: t("training.session.dates"),
      cell: (info) => (
        <Anchor component={Link} to={`/training/sessions/${info.row.original.id}`} fz="sm">
          {info.getValue()}
        </Anchor>
      ),
    }),
    column.accessor("place", {
      header: t("training.session.place"),
      cell: (info) => (
        <>
          <Text fz="sm" truncate="end">
            {info.getValue()}
          </Text>
          {info.row.original.trainer && (
            <Text fz="xs" c="dimmed" truncate="end">
              {info.row.original.trainer}
            </Text>
          )}
        </>
      ),
    }),
    column.accessor("status", { header: t("training.session.status"), cell: (info) => <SessionStatusBadge status={info.getValue()} /> }),
    column.accessor("seatsLeft", {
      header: () => <Figure>{t("training.session.seatsLeft")}</Figure>,
      cell: (info) => {
        const session = info.row.original;
        const current = request.sessionId === session.id && request.status === "scheduled";
        return (
          <Figure>
            <Text span fz="sm" fw={600} c={!current && session.seatsLeft < request.participants ? "red.7" : undefined}>
              {t("training.session.seatsOf", { left: session.seatsLeft, capacity: session.capacity })}
            </Text>
          </Figure>
        );
      },
    }),
    ...(offered
      ? [
          column.display({
            id: "book",
            header: "",
            cell: (info) => {
              const session = info.row.original;
              if (request.sessionId === session.id && request.status === "scheduled") {
                return (
                  <Text fz="sm" c="dimmed">
                    {t("training.request.currentSession")}
                  </Text>
                );
              }
              return (
                <Button
                  size="compact-sm"
                  variant="light"
                  disabled={!OPEN_SESSION_STATUSES.includes(session.status) || (pending !== null && pending !== session.id)}
                  loading={pending === session.id}
                  aria-label={t("training.request.assignLabel", { dates: sessionDates(session.startsOn, session.endsOn) })}
                  onClick={() => assign(session)}
                >
                  {t("training.request.assign")}
                </Button>
              );
            },
          }),
        ]
      : []),
  ];

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
      <DataTable
        bare
        label={t("training.request.sessionsLabel")}
        columns={columns}
        rows={listing.data}
        rowId={(session) => String(session.id)}
        empty={t("training.request.noSessions")}
        widths={{ dates: 190, status: 110, seatsLeft: 150, book: 130 }}
        // A narrow panel: a long place wraps rather than hiding the trainer under an ellipsis.
        cells="wrap"
        rowProps={(session) => (refusal?.sessionId === session.id ? { style: { background: "var(--mantine-color-red-0)" } } : {})}
      />
    </Paper>
  );
}
