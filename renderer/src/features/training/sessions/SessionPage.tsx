import { Button, Grid, Paper, Progress, Text } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { useCan } from "../../../api/capabilities";
import { useApiQuery } from "../../../api/queries";
import { DataTable, tableColumns } from "../../../ui/DataTable";
import { EditIcon } from "../../../ui/icons";
import { notifySuccess } from "../../../ui/toasts";
import { sessionDates } from "../shared/dates";
import { DetailHeader, DetailPage, DetailSection } from "../shared/DetailPage";
import { FactList } from "../shared/FactList";
import { Figure } from "../shared/Figure";
import { RequestStatusBadge, SessionStatusBadge } from "../shared/StatusBadge";
import { courseTitle } from "../shared/useCourses";
import type { SessionDetail } from "../trainingTypes";
import { SessionForm } from "./SessionForm";
import { UserText } from "../../../ui/UserText";

type Participant = SessionDetail["participants"][number];
const column = tableColumns<Participant>();

/** One session: when, where, who teaches, and the requests booked into it with the seats left. */
export function SessionPage() {
  const { t, i18n } = useTranslation();
  const query = useApiQuery("sessions.get", { id: Number(useParams().id) });
  const can = useCan();
  const [editing, setEditing] = useState(false);

  return (
    <DetailPage query={query} notFound={t("training.session.notFound")}>
      {(session) => {
        const dates = sessionDates(session.startsOn, session.endsOn);
        return (
          <>
            <DetailHeader
              back={{ to: `/training/courses/${session.courseId}`, label: `${session.course.code} — ${courseTitle(session.course, i18n.language)}` }}
              title={t("training.session.title", { dates })}
              badge={<SessionStatusBadge status={session.status} />}
              actions={
                can("sessions.save") && (
                  <Button variant="default" leftSection={<EditIcon size={16} />} onClick={() => setEditing(true)}>
                    {t("training.session.edit")}
                  </Button>
                )
              }
            />

            <Grid gap="md" align="stretch">
              <Grid.Col span={{ base: 12, md: 8 }}>
                <Paper withBorder radius="md" p="md" h="100%">
                  <FactList
                    facts={[
                      { label: t("training.session.dates"), value: dates },
                      { label: t("training.session.place"), value: session.place },
                      { label: t("training.session.trainer"), value: session.trainer },
                      { label: t("training.fields.format"), value: t(`training.format.${session.course.format}`) },
                    ]}
                  />
                </Paper>
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 4 }}>
                <Paper withBorder radius="md" p="md" h="100%" aria-label={t("training.session.seats")} component="section">
                  <Text fz="xs" fw={600} c="dimmed" tt="uppercase">
                    {t("training.session.seats")}
                  </Text>
                  <Text fz={28} fw={700} lh={1.2} c={session.seatsLeft === 0 ? "red.7" : undefined}>
                    {t("training.session.seatsLeftCount", { count: session.seatsLeft })}
                  </Text>
                  <Text fz="sm" c="dimmed" mb={8}>
                    {t("training.session.seatsTaken", { taken: session.seatsTaken, capacity: session.capacity })}
                  </Text>
                  <Progress value={Math.min(100, (session.seatsTaken / session.capacity) * 100)} color={session.seatsLeft === 0 ? "red" : "jet"} size="sm" aria-hidden />
                </Paper>
              </Grid.Col>
            </Grid>

            <DetailSection title={t("training.session.participants")}>
              <Participants participants={session.participants} />
            </DetailSection>

            {editing && (
              <SessionForm
                course={session.course}
                session={session}
                onClose={() => setEditing(false)}
                onSaved={() => {
                  setEditing(false);
                  notifySuccess(t("training.session.saved"));
                }}
              />
            )}
          </>
        );
      }}
    </DetailPage>
  );
}

/** The requests booked into the session; a row opens the request. */
function Participants({ participants }: { participants: readonly Participant[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const columns = useMemo(
    () => [
      column.accessor("id", { header: t("training.session.request"), cell: (info) => `n° ${info.getValue()}` }),
      column.accessor("person", { header: t("training.fields.person"), cell: (info) => <UserText>{info.getValue()}</UserText> }),
      column.accessor("company", { header: t("training.fields.company"), cell: (info) => <UserText>{info.getValue()}</UserText> }),
      column.accessor("participants", { header: () => <Figure>{t("training.fields.participants")}</Figure>, cell: (info) => <Figure>{info.getValue()}</Figure> }),
      column.accessor("language", { header: t("training.fields.language"), cell: (info) => t(`training.language.${info.getValue()}`) }),
      column.accessor("status", { header: t("training.board.status"), cell: (info) => <RequestStatusBadge status={info.getValue()} /> }),
    ],
    [t],
  );

  return (
    <DataTable
      label={t("training.session.participantsLabel")}
      columns={columns}
      rows={participants}
      rowId={(request) => String(request.id)}
      empty={t("training.session.noParticipants")}
      widths={{ id: 90, participants: 120, language: 120, status: 120 }}
      striped="even"
      onOpen={(request) => void navigate(`/training/requests/${request.id}`)}
    />
  );
}
