import { Anchor, Badge, Button, Group, Loader, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError } from "../../../api/ApiError";
import { useCan } from "../../../api/capabilities";
import { useApiQuery } from "../../../api/queries";
import { EditIcon, PlusIcon } from "../../../ui/icons";
import { notifySuccess } from "../../../ui/toasts";
import { SessionFormModal } from "../sessions/SessionFormModal";
import { courseTitle } from "../shared/useCourses";
import { genevaToday, sessionDates } from "../shared/dates";
import { FactList } from "../shared/FactList";
import { clickableRow, rowKeyHandler } from "../shared/rowKeys";
import { SessionStatusBadge } from "../shared/StatusBadge";
import { durationLabel } from "./courseLabels";
import { CourseFormModal } from "./CourseFormModal";

/** One course: what it is, and its sessions with the seats left in each. */
export function CoursePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams();
  const courseId = Number(id);
  const can = useCan();
  const query = useApiQuery("courses.get", { id: courseId });
  const course = query.data;
  const sessions = useApiQuery("sessions.list", { courseId }).data ?? null;
  const [dialog, setDialog] = useState<"course" | "session" | null>(null);
  const editor = can("courses.save");
  const load = () => void query.refetch();

  if (query.isError) {
    return (
      <Text c="dimmed" py="xl" ta="center">
        {query.error instanceof ApiError && query.error.code === "NOT_FOUND" ? t("training.courses.notFound") : query.error.message}
      </Text>
    );
  }
  if (!course) return <Loader size="sm" aria-label={t("training.loading")} />;
  const today = genevaToday();

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Anchor component={Link} to="/training/courses" fz="sm">
            ← {t("training.courses.back")}
          </Anchor>
          <Group gap="sm" align="center">
            <Title order={2}>
              <Text span ff="monospace" fz="md" c="dimmed" mr={8}>
                {course.code}
              </Text>
              {courseTitle(course, i18n.language)}
            </Title>
            {!course.active && (
              <Badge variant="light" color="gray" size="sm">
                {t("training.courses.inactive")}
              </Badge>
            )}
          </Group>
        </div>
        {editor && (
          <Group gap="xs" wrap="nowrap">
            <Button variant="default" leftSection={<EditIcon size={16} />} onClick={() => setDialog("course")}>
              {t("training.courses.edit")}
            </Button>
            <Button leftSection={<PlusIcon size={16} />} disabled={!course.active} title={course.active ? undefined : t("training.courses.inactiveNoSession")} onClick={() => setDialog("session")}>
              {t("training.session.create")}
            </Button>
          </Group>
        )}
      </Group>

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

      <div>
        <Title order={3} mb="xs">
          {t("training.courses.sessions")}
        </Title>
        <Paper withBorder radius="md" style={{ overflow: "hidden" }}>
          <Table layout="fixed" highlightOnHover striped="even" aria-label={t("training.courses.sessionsLabel")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={200}>{t("training.session.dates")}</Table.Th>
                <Table.Th>{t("training.session.place")}</Table.Th>
                <Table.Th w="18%">{t("training.session.trainer")}</Table.Th>
                <Table.Th w={110}>{t("training.session.status")}</Table.Th>
                <Table.Th w={100} ta="right">
                  {t("training.session.capacity")}
                </Table.Th>
                <Table.Th w={150} ta="right" style={{ whiteSpace: "nowrap" }}>
                  {t("training.session.seatsLeft")}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(sessions ?? []).map((session) => {
                const open = () => void navigate(`/training/sessions/${session.id}`);
                return (
                  <Table.Tr key={session.id} tabIndex={0} style={clickableRow} onClick={open} onKeyDown={rowKeyHandler(open)} c={session.endsOn < today ? "dimmed" : undefined}>
                    <Table.Td>{sessionDates(session.startsOn, session.endsOn)}</Table.Td>
                    <Table.Td>
                      <Text fz="sm" truncate="end">
                        {session.place}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text fz="sm" truncate="end">
                        {session.trainer}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <SessionStatusBadge status={session.status} />
                    </Table.Td>
                    <Table.Td ta="right">{session.capacity}</Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {session.seatsLeft}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
              {(sessions ?? []).length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={6} ta="center" py="lg" c="dimmed">
                    {sessions ? t("training.courses.noSessions") : <Loader size="sm" aria-label={t("training.loading")} />}
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Paper>
      </div>

      {dialog === "course" && (
        <CourseFormModal
          course={course}
          onClose={() => setDialog(null)}
          onStale={load}
          onSaved={(saved) => {
            setDialog(null);
            notifySuccess(t("training.courses.saved", { code: saved.code }));
          }}
        />
      )}
      {dialog === "session" && (
        <SessionFormModal
          course={course}
          session={null}
          onClose={() => setDialog(null)}
          onStale={load}
          onSaved={(saved) => {
            setDialog(null);
            notifySuccess(t("training.session.created", { dates: sessionDates(saved.startsOn, saved.endsOn) }));
            void navigate(`/training/sessions/${saved.id}`);
          }}
        />
      )}
    </Stack>
  );
}
