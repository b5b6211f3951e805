import { Badge, Button, Group, Loader, Paper, Switch, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { PlusIcon } from "../../../ui/icons";
import { notifySuccess } from "../../../ui/toasts";
import { useCan } from "../../../api/capabilities";
import { queryClient } from "../../../api/queries";
import { courseTitle, useCourses } from "../shared/useCourses";
import { clickableRow, rowKeyHandler } from "../shared/rowKeys";
import { durationLabel, languagesLabel } from "./courseLabels";
import { CourseFormModal } from "./CourseFormModal";

/** The course catalogue: everyone reads it, managers and administrators add and change courses. */
export function CourseCatalogue() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const { courses } = useCourses();
  const [showInactive, setShowInactive] = useState(false);
  const [creating, setCreating] = useState(false);
  const editor = can("courses.save");
  const shown = (courses ?? []).filter((course) => showInactive || course.active);
  const inactiveCount = (courses ?? []).filter((course) => !course.active).length;

  return (
    <>
      <Group justify="space-between" mb="sm">
        <Group gap="lg">
          <Text fz="sm" c="dimmed" aria-live="polite">
            {courses ? t("training.courses.count", { count: shown.length }) : t("training.loading")}
          </Text>
          <Switch
            label={t("training.courses.showInactive", { count: inactiveCount })}
            checked={showInactive}
            onChange={(e) => setShowInactive(e.currentTarget.checked)}
          />
        </Group>
        {editor && (
          <Button leftSection={<PlusIcon size={16} />} onClick={() => setCreating(true)}>
            {t("training.courses.create")}
          </Button>
        )}
      </Group>
      <Paper withBorder radius="md" style={{ overflow: "hidden" }}>
        <Table layout="fixed" highlightOnHover striped="even" aria-label={t("training.courses.tableLabel")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={130}>{t("training.courses.code")}</Table.Th>
              <Table.Th>{t("training.courses.title")}</Table.Th>
              <Table.Th w={180}>{t("training.courses.languages")}</Table.Th>
              <Table.Th w={110}>{t("training.courses.duration")}</Table.Th>
              <Table.Th w={220}>{t("training.fields.format")}</Table.Th>
              <Table.Th w={100}>{t("training.courses.state")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((course) => {
              const open = () => void navigate(`/training/courses/${course.id}`);
              return (
                <Table.Tr key={course.id} tabIndex={0} style={clickableRow} onClick={open} onKeyDown={rowKeyHandler(open)} c={course.active ? undefined : "dimmed"}>
                  <Table.Td ff="monospace" fz="sm">
                    {course.code}
                  </Table.Td>
                  <Table.Td>
                    <Text fz="sm" fw={500} truncate="end">
                      {courseTitle(course, i18n.language)}
                    </Text>
                    {course.description && (
                      <Text fz="xs" c="dimmed" truncate="end">
                        {course.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{languagesLabel(course)}</Table.Td>
                  <Table.Td>{durationLabel(t, course)}</Table.Td>
                  <Table.Td>{t(`training.format.${course.format}`)}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" size="sm" color={course.active ? "teal" : "gray"}>
                      {t(course.active ? "training.courses.active" : "training.courses.inactive")}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              );
            })}
            {shown.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={6} ta="center" py="xl" c="dimmed">
                  {courses ? t("training.courses.empty") : <Loader size="sm" aria-label={t("training.loading")} />}
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Paper>
      {creating && (
        <CourseFormModal
          course={null}
          onClose={() => setCreating(false)}
          onStale={() => void queryClient.invalidateQueries()}
          onSaved={(course) => {
            setCreating(false);
            notifySuccess(t("training.courses.created", { code: course.code }));
            void navigate(`/training/courses/${course.id}`);
          }}
        />
      )}
    </>
  );
}
