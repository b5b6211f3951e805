import { Group, NativeSelect } from "@mantine/core";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useCan } from "../../api/capabilities";
import { useApiQuery } from "../../api/queries";
import { DateFilterInput } from "../../ui/DateFilterInput";
import { MultiChoiceFilter } from "../../ui/MultiChoiceFilter";
import type { ExportChoice, FilterKey, RecordSetInfo } from "./exportTypes";

type Option = { value: string; label: string };

/** The choices behind the id filters; a list this user may not read is not asked for and stays empty. */
function useIdOptions(): Partial<Record<FilterKey, Option[]>> {
  const can = useCan();
  const products = useApiQuery("products.list", { includeInactive: true }, { enabled: can("products.list") }).data ?? [];
  const courses = useApiQuery("courses.list", { includeInactive: true }, { enabled: can("courses.list") }).data ?? [];
  const assignees = useApiQuery("reports.assignees", {}, { enabled: can("reports.assignees") }).data ?? [];
  return {
    productId: products.map((x) => ({ value: String(x.id), label: x.name })),
    courseId: courses.map((x) => ({ value: String(x.id), label: `${x.code} — ${x.title}` })),
    assigneeId: assignees.map((x) => ({ value: String(x.id), label: x.displayName })),
  };
}

function IdFilter({ label, anyLabel, options, value, onChange }: { label: string; anyLabel: string; options: Option[]; value: number | undefined; onChange(id: number | undefined): void }) {
  const id = useId();
  return (
    <NativeSelect
      id={id}
      label={label}
      w={200}
      data={[{ value: "", label: anyLabel }, ...options]}
      value={value ? String(value) : ""}
      onChange={(e) => onChange(e.currentTarget.value ? Number(e.currentTarget.value) : undefined)}
    />
  );
}

/** The filters the chosen record set accepts, and only those. */
export function ExportFilterFields({ set, choice, onChange }: { set: RecordSetInfo; choice: ExportChoice; onChange(next: ExportChoice): void }) {
  const { t } = useTranslation();
  const idOptions = useIdOptions();
  const hasRange = set.filters.some((f) => f.key === "from");

  return (
    <Group gap="sm" align="flex-end" role="group" aria-label={t("exports.filters")}>
      {hasRange && (
        <>
          <DateFilterInput label={t("exports.from")} value={choice.from} onChange={(from) => onChange({ ...choice, from })} />
          <DateFilterInput label={t("exports.to")} value={choice.to} onChange={(to) => onChange({ ...choice, to })} />
        </>
      )}
      {set.filters.map((filter) => {
        if (filter.key === "from" || filter.key === "to") return null;
        const label = `${t(`exports.filter.${filter.key}`)}${set.required.includes(filter.key) ? ` (${t("exports.required")})` : ""}`;
        if (filter.values) {
          return (
            <MultiChoiceFilter
              key={filter.key}
              label={label}
              anyLabel={t("exports.any")}
              // Each list's own labels, from the server in the reader's language: one code can read
              // differently in two lists (a training request's "completed" and a privacy request's).
              options={filter.values.map((value) => ({ value, label: filter.labels?.[value] ?? value }))}
              value={choice.lists[filter.key] ?? []}
              onChange={(values) => onChange({ ...choice, lists: { ...choice.lists, [filter.key]: values } })}
              w={190}
            />
          );
        }
        const options = idOptions[filter.key];
        if (!options?.length) return null;
        const anyLabel = filter.key === "productId" ? t("exports.anyProduct") : filter.key === "courseId" ? t("exports.anyCourse") : t("exports.anyone");
        return (
          <IdFilter
            key={filter.key}
            label={label}
            anyLabel={anyLabel}
            options={options}
            value={choice.ids[filter.key]}
            onChange={(id) => onChange({ ...choice, ids: { ...choice.ids, [filter.key]: id } })}
          />
        );
      })}
    </Group>
  );
}
