import { Badge, Button, Paper, Text } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { useCan } from "../../../api/capabilities";
import { useApiQuery } from "../../../api/queries";
import { DataTable, tableColumns } from "../../../ui/DataTable";
import { EditIcon, PlusIcon } from "../../../ui/icons";
import { notifySuccess } from "../../../ui/toasts";
import { SessionForm } from "../sessions/SessionForm";
import { genevaToday, sessionDates } from "../shared/dates";
import { DetailHeader, DetailPage, DetailSection } from "../shared/DetailPage";
import { FactList } from "../shared/FactList";
import { Figure } from "../shared/Figure";
import { SessionStatusBadge } from "../shared/StatusBadge";
import { courseTitle } from "../shared/useCourses";
import type { SessionRow } from "../trainingTypes";
import { durationLabel } from "./courseLabels";
import { CourseForm } from "./CourseForm";

const column = tableColumns<SessionRow>();

/** One course: what it is, and its sessions with the seats left in each. */
export function CoursePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const courseId = Number(useParams().id);
  const course = useApiQuery("courses.get", { id: courseId });
  const can = useCan();
  const [dialog, setDialog] = useState<"course" | "session" | null>(null);

  return (
    <DetailPage query={course} notFound={t("training.courses.notFound")}>
      {(course) => (
        <>
          <DetailHeader
            back={{ to: "/training/courses", label: t("training.courses.back") }}
            title={
              <>
                <Text span ff="monospace" fz="md" c="dimmed" mr={8}>
                  {course.code}
                </Text>
                {courseTitle(course, i18n.language)}
              </>
            }
            badge={
              !course.active && (
                <Badge variant="light" color="gray" size="sm">
                  {t("training.courses.inactive")}
                </Badge>
              )
            }
            actions={
              can("courses.save") && (
                <>
                  <Button variant="default" leftSection={<EditIcon size={16} />} onClick={() => setDialog("course")}>
                    {t("training.courses.edit")}
                  </Button>
                  <Button leftSection={<PlusIcon size={16} />} disabled={!course.active} title={course.active ? undefined : t("training.courses.inactiveNoSession")} onClick={() => setDialog("session")}>
                    {t("training.session.create")}
                  </Button>
                </>
              )
            }
          />

          <Paper withBorder radius="md" p="md">
            <FactList
              cols={3}
              facts={[
                { label: t("training.courses.titleFr"), value: <span lang="fr">{course.titleFr}</span> },
                { label: t("training.courses.titleEn"), value: <span lang="en">{course.titleEn}</span> },
                { label: t("training.courses.languages"), value: course.languages.map((l) => t(`training.language.${l}`)).join(", ") },
                { label: t("training.courses.duration"), value: durationLabel(t, course) },
                { label: t("training.fields.format"), value: t(`training.format.${course.format}`) },
                { label: t("training.courses.state"), value: t(course.active ? "training.courses.active" : "training.courses.inactive") },
                { label: t("training.courses.description"), value: course.description, wide: true },
              ]}
            />
          </Paper>

          <DetailSection title={t("training.courses.sessions")}>
            <CourseSessions courseId={course.id} />
          </DetailSection>

          {dialog === "course" && (
            <CourseForm
              course={course}
              onClose={() => setDialog(null)}
              onSaved={(saved) => {
                setDialog(null);
                notifySuccess(t("training.courses.saved", { code: saved.code }));
              }}
            />
          )}
          {dialog === "session" && (
            <SessionForm
              course={course}
              session={null}
              onClose={() => setDialog(null)}
              onSaved={(saved) => {
                setDialog(null);
                notifySuccess(t("training.session.created", { dates: sessionDates(saved.startsOn, saved.endsOn) }));
                void navigate(`/training/sessions/${saved.id}`);
              }}
            />
          )}
        </>
      )}
    </DetailPage>
  );
}

/** The course's sessions, past ones dimmed; a row opens the session. */
function CourseSessions({ courseId }: { courseId: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const sessions = useApiQuery("sessions.list", { courseId });
  const today = genevaToday();
  const columns = useMemo(
    () => [
      column.accessor((session) => sessionDates(session.startsOn, session.endsOn), { id: "dates", header: t("training.session.dates") }),
      column.accessor("place", { header: t("training.session.place") }),
      column.accessor("trainer", { header: t("training.session.trainer") }),
      column.accessor("status", { header: t("training.session.status"), cell: (info) => <SessionStatusBadge status={info.getValue()} /> }),
      column.accessor("capacity", { header: () => <Figure>{t("training.session.capacity")}</Figure>, cell: (info) => <Figure>{info.getValue()}</Figure> }),
      column.accessor("seatsLeft", { header: () => <Figure>{t("training.session.seatsLeft")}</Figure>, cell: (info) => <Figure strong>{info.getValue()}</Figure> }),
    ],
    [t],
  );

  return (
    <DataTable
      label={t("training.courses.sessionsLabel")}
      columns={columns}
      rows={sessions.data}
      rowId={(session) => String(session.id)}
      empty={t("training.courses.noSessions")}
      widths={{ dates: 200, trainer: 240, status: 110, capacity: 100, seatsLeft: 150 }}
      striped="even"
      onOpen={(session) => void navigate(`/training/sessions/${session.id}`)}
      // Past sessions stay listed, dimmed.
      rowProps={(session) => (session.endsOn < today ? { style: { color: "var(--mantine-color-dimmed)" } } : {})}
    />
  );
}
