import { Anchor, Button, Grid, Group, Loader, Paper, Progress, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { ApiError } from "../../../api/ApiError";
import { useCan } from "../../../api/capabilities";
import { useApiQuery } from "../../../api/queries";
import { EditIcon } from "../../../ui/icons";
import { notifySuccess } from "../../../ui/toasts";
import { courseTitle } from "../shared/useCourses";
import { sessionDates } from "../shared/dates";
import { FactList } from "../shared/FactList";
import { clickableRow, rowKeyHandler } from "../shared/rowKeys";
import { RequestStatusBadge, SessionStatusBadge } from "../shared/StatusBadge";
import { SessionFormModal } from "./SessionFormModal";

/** One session: when, where, who teaches, and the requests booked into it with the seats left. */
export function SessionPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams();
  const sessionId = Number(id);
  const can = useCan();
  const query = useApiQuery("sessions.get", { id: sessionId });
  const session = query.data;
  const [editing, setEditing] = useState(false);
  const load = () => void query.refetch();

  if (query.isError) {
    return (
      <Text c="dimmed" py="xl" ta="center">
        {query.error instanceof ApiError && query.error.code === "NOT_FOUND" ? t("training.session.notFound") : query.error.message}
      </Text>
    );
  }
  if (!session) return <Loader size="sm" aria-label={t("training.loading")} />;
  const dates = sessionDates(session.startsOn, session.endsOn);
  const filled = Math.min(100, (session.seatsTaken / session.capacity) * 100);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Anchor component={Link} to={`/training/courses/${session.courseId}`} fz="sm">
            ← {session.course.code} — {courseTitle(session.course, i18n.language)}
          </Anchor>
          <Group gap="sm" align="center">
            <Title order={2}>{t("training.session.title", { dates })}</Title>
            <SessionStatusBadge status={session.status} />
          </Group>
        </div>
        {can("sessions.save") && (
          <Button variant="default" leftSection={<EditIcon size={16} />} onClick={() => setEditing(true)}>
            {t("training.session.edit")}
          </Button>
        )}
      </Group>

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
            <Progress value={filled} color={session.seatsLeft === 0 ? "red" : "jet"} size="sm" aria-hidden />
          </Paper>
        </Grid.Col>
      </Grid>

      <div>
        <Title order={3} mb="xs">
          {t("training.session.participants")}
        </Title>
        <Paper withBorder radius="md" style={{ overflow: "hidden" }}>
          <Table layout="fixed" highlightOnHover striped="even" aria-label={t("training.session.participantsLabel")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={90}>{t("training.session.request")}</Table.Th>
                <Table.Th>{t("training.fields.person")}</Table.Th>
                <Table.Th>{t("training.fields.company")}</Table.Th>
                <Table.Th w={120} ta="right">
                  {t("training.fields.participants")}
                </Table.Th>
                <Table.Th w={120}>{t("training.fields.language")}</Table.Th>
                <Table.Th w={120}>{t("training.board.status")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {session.participants.map((request) => {
                const open = () => void navigate(`/training/requests/${request.id}`);
                return (
                  <Table.Tr key={request.id} tabIndex={0} style={clickableRow} onClick={open} onKeyDown={rowKeyHandler(open)}>
                    <Table.Td>n° {request.id}</Table.Td>
                    <Table.Td>
                      <Text fz="sm" truncate="end">
                        {request.person}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text fz="sm" truncate="end">
                        {request.company}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{request.participants}</Table.Td>
                    <Table.Td>{t(`training.language.${request.language}`)}</Table.Td>
                    <Table.Td>
                      <RequestStatusBadge status={request.status} />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
              {session.participants.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={6} ta="center" py="lg" c="dimmed">
                    {t("training.session.noParticipants")}
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Paper>
      </div>

      {editing && (
        <SessionFormModal
          course={session.course}
          session={session}
          onClose={() => setEditing(false)}
          onStale={load}
          onSaved={() => {
            setEditing(false);
            notifySuccess(t("training.session.saved"));
          }}
        />
      )}
    </Stack>
  );
}
