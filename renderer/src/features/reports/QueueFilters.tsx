import { Button, Checkbox, CloseButton, Group, Select, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { SearchIcon } from "../../ui/icons";
import { MultiChoiceFilter } from "../../ui/MultiChoiceFilter";
import { DEFAULT_FILTER, isFiltered, type AssigneeChoice, type QueueFilterState } from "./queueFilter";
import { REPORT_STATUSES, SEVERITIES } from "../../../../common/enums";
import type { Assignee, Product } from "./reportTypes";

function assigneeValue(choice: AssigneeChoice): string {
  return typeof choice === "number" ? `user:${choice}` : choice;
}

function assigneeChoice(value: string | null): AssigneeChoice {
  if (!value || value === "all") return "all";
  if (value === "mine" || value === "unassigned") return value;
  return Number(value.slice("user:".length));
}

export function QueueFilters({
  value,
  onChange,
  products,
  assignees,
  overdueCount,
  canBeAssigned,
}: {
  value: QueueFilterState;
  onChange(next: QueueFilterState): void;
  products: readonly Product[];
  /** Null for agents, who may not list the support team. */
  assignees: readonly Assignee[] | null;
  overdueCount: number | null;
  /** "Mine" only means something to those who can be assigned reports. */
  canBeAssigned: boolean;
}) {
  const { t } = useTranslation();
  const assigneeOptions = [
    { value: "all", label: t("reports.filters.anyAssignee") },
    ...(canBeAssigned ? [{ value: "mine", label: t("reports.filters.mine") }] : []),
    { value: "unassigned", label: t("reports.filters.unassigned") },
    ...(assignees ?? []).map((a) => ({ value: `user:${a.id}`, label: a.displayName })),
  ];

  return (
    <Group gap={10} align="flex-end" wrap="wrap">
      <TextInput
        label={t("reports.filters.text")}
        placeholder={t("reports.filters.textPlaceholder")}
        w={230}
        leftSection={<SearchIcon size={16} />}
        value={value.text}
        maxLength={200}
        onChange={(e) => onChange({ ...value, text: e.currentTarget.value })}
        onKeyDown={(e) => {
          if (e.key === "Escape" && value.text) {
            e.stopPropagation();
            onChange({ ...value, text: "" });
          }
        }}
        rightSection={value.text ? <CloseButton size="sm" aria-label={t("reports.filters.clearText")} onClick={() => onChange({ ...value, text: "" })} /> : null}
      />
      <MultiChoiceFilter
        label={t("reports.filters.status")}
        anyLabel={t("reports.filters.anyStatus")}
        w={180}
        options={REPORT_STATUSES.map((status) => ({ value: status, label: t(`reports.status.${status}`) }))}
        value={value.status}
        onChange={(status) => onChange({ ...value, status })}
      />
      <MultiChoiceFilter
        label={t("reports.filters.severity")}
        anyLabel={t("reports.filters.anySeverity")}
        w={150}
        options={SEVERITIES.map((severity) => ({ value: severity, label: t(`reports.severity.${severity}`) }))}
        value={value.severity}
        onChange={(severity) => onChange({ ...value, severity })}
      />
      <Select
        label={t("reports.filters.product")}
        placeholder={t("reports.filters.anyProduct")}
        w={160}
        clearable
        searchable
        data={products.map((p) => ({ value: String(p.id), label: p.name }))}
        value={value.productId === null ? null : String(value.productId)}
        onChange={(id) => onChange({ ...value, productId: id === null ? null : Number(id) })}
        nothingFoundMessage="—"
      />
      <Select
        label={t("reports.filters.assignee")}
        w={170}
        searchable
        allowDeselect={false}
        data={assigneeOptions}
        value={assigneeValue(value.assignee)}
        onChange={(choice) => onChange({ ...value, assignee: assigneeChoice(choice) })}
        nothingFoundMessage="—"
      />
      <Checkbox
        mb={9}
        label={overdueCount === null ? t("reports.filters.overdue") : t("reports.filters.overdueCount", { count: overdueCount })}
        checked={value.overdue}
        onChange={(e) => onChange({ ...value, overdue: e.currentTarget.checked })}
        color="red"
      />
      {/* Hidden rather than removed when there is nothing to clear, so the row never reflows. */}
      <Button
        variant="subtle"
        color="gray"
        style={{ visibility: isFiltered(value) ? "visible" : "hidden" }}
        onClick={() => onChange({ ...DEFAULT_FILTER, sort: value.sort, direction: value.direction, pageSize: value.pageSize })}
      >
        {t("reports.filters.clear")}
      </Button>
    </Group>
  );
}
