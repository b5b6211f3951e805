import { Badge, Button, Group, Switch, Text } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useCan } from "../../../api/capabilities";
import { DataTable, tableColumns } from "../../../ui/DataTable";
import { PlusIcon } from "../../../ui/icons";
import { notifySuccess } from "../../../ui/toasts";
import { courseTitle, useCourses } from "../shared/useCourses";
import type { Course } from "../trainingTypes";
import { durationLabel, languagesLabel } from "./courseLabels";
import { CourseForm } from "./CourseForm";

const column = tableColumns<Course>();

/** The course catalogue: everyone reads it, managers and administrators add and change courses. */
export function CourseCatalogue() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const { courses } = useCourses();
  const [showInactive, setShowInactive] = useState(false);
  const [creating, setCreating] = useState(false);
  const shown = courses?.filter((course) => showInactive || course.active);
  const inactiveCount = (courses ?? []).filter((course) => !course.active).length;

  const columns = useMemo(
    () => [
      column.accessor("code", { header: t("training.courses.code"), cell: (info) => <Text span ff="monospace" fz="sm">{info.getValue()}</Text> }),
      column.accessor((course) => course, {
        id: "title",
        header: t("training.courses.title"),
        cell: (info) => {
          const course = info.getValue();
          return (
            <>
              <Text fz="sm" fw={500} truncate="end">
                {courseTitle(course, i18n.language)}
              </Text>
              {course.description && (
                <Text fz="xs" c="dimmed" truncate="end">
                  {course.description}
                </Text>
              )}
            </>
          );
        },
      }),
      column.accessor((course) => languagesLabel(course), { id: "languages", header: t("training.courses.languages") }),
      column.accessor((course) => durationLabel(t, course), { id: "duration", header: t("training.courses.duration") }),
      column.accessor("format", { header: t("training.fields.format"), cell: (info) => t(`training.format.${info.getValue()}`) }),
      column.accessor("active", {
        header: t("training.courses.state"),
        cell: (info) => (
          <Badge variant="light" size="sm" color={info.getValue() ? "teal" : "gray"}>
            {t(info.getValue() ? "training.courses.active" : "training.courses.inactive")}
          </Badge>
        ),
      }),
    ],
    [t, i18n.language],
  );

  return (
    <>
      <Group justify="space-between" mb="sm">
        <Group gap="lg">
          <Text fz="sm" c="dimmed" aria-live="polite">
            {shown ? t("training.courses.count", { count: shown.length }) : t("training.loading")}
          </Text>
          <Switch label={t("training.courses.showInactive", { count: inactiveCount })} checked={showInactive} onChange={(e) => setShowInactive(e.currentTarget.checked)} />
        </Group>
        {can("courses.save") && (
          <Button leftSection={<PlusIcon size={16} />} onClick={() => setCreating(true)}>
            {t("training.courses.create")}
          </Button>
        )}
      </Group>
      <DataTable
        label={t("training.courses.tableLabel")}
        columns={columns}
        rows={shown}
        rowId={(course) => String(course.id)}
        empty={t("training.courses.empty")}
        widths={{ code: 130, languages: 180, duration: 110, format: 220, active: 100 }}
        striped="even"
        onOpen={(course) => void navigate(`/training/courses/${course.id}`)}
        rowProps={(course) => (course.active ? {} : { style: { color: "var(--mantine-color-dimmed)" } })}
      />
      {creating && (
        <CourseForm
          course={null}
          onClose={() => setCreating(false)}
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
