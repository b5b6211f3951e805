import { Button, Group, MultiSelect, Select } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useCourses, courseTitle } from "../shared/useCourses";
import { DateFilterInput } from "../../../ui/DateFilterInput";
import { CompanyTypeahead } from "../../../ui/Typeahead";
import { TRAINING_STATUSES, type TrainingStatus } from "../../../../../common/enums";
import { hasFilters, type BoardView } from "./boardView";


/** Course, status, period created and company: each change asks the server for page one again. */
export function BoardFilters({ view, onChange }: { view: BoardView; onChange(next: BoardView): void }) {
  const { t, i18n } = useTranslation();
  const { courses } = useCourses();
  const set = (patch: Partial<BoardView>) => onChange({ ...view, ...patch, page: 0 });
  const active = hasFilters(view);

  return (
    <Group gap="sm" align="flex-start" wrap="nowrap" mb="sm">
      <Select
        label={t("training.board.course")}
        placeholder={t("training.board.anyCourse")}
        searchable
        clearable
        w={260}
        data={(courses ?? []).map((course) => ({ value: String(course.id), label: `${course.code} — ${courseTitle(course, i18n.language)}` }))}
        value={view.courseId === null ? null : String(view.courseId)}
        onChange={(id) => set({ courseId: id === null ? null : Number(id) })}
        nothingFoundMessage={t("training.nothingFound")}
      />
      <MultiSelect
        label={t("training.board.status")}
        placeholder={view.statuses.length ? undefined : t("training.board.anyStatus")}
        clearable
        w={280}
        data={TRAINING_STATUSES.map((status) => ({ value: status, label: t(`training.status.${status}`) }))}
        value={view.statuses}
        onChange={(statuses) => set({ statuses: statuses as TrainingStatus[] })}
      />
      <DateFilterInput label={t("training.board.from")} value={view.from} onChange={(from) => set({ from })} />
      <DateFilterInput label={t("training.board.to")} value={view.to} onChange={(to) => set({ to })} />
      <CompanyTypeahead
        label={t("training.board.company")}
        placeholder={t("training.board.anyCompany")}
        clearable
        w={220}
        value={view.company}
        onChange={(company) => set({ company })}
        nothingFoundMessage={t("training.nothingFound")}
      />
      {/* Hidden rather than removed when there is nothing to clear, so the row never reflows. */}
      <Button
        variant="subtle"
        color="gray"
        mt={24}
        style={{ visibility: active ? "visible" : "hidden", flex: "none" }}
        onClick={() => onChange({ ...view, courseId: null, statuses: [], from: null, to: null, company: null, page: 0 })}
      >
        {t("training.board.clear")}
      </Button>
    </Group>
  );
}
