import { Button, Group, Select } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { AuditDirectoryEntry } from "./auditTypes";
import { DateFilterInput } from "../../../ui/DateFilterInput";
import { isoDay, parseIsoDay, type CalendarDay } from "../../../i18n/zurichTime";
import { operationLabel } from "./auditLabels";
import { UserText } from "../../../ui/UserText";

export interface AuditFilterValues {
  userId: number | null;
  operation: string | null;
  from: CalendarDay | null;
  to: CalendarDay | null;
}

export const NO_FILTERS: AuditFilterValues = { userId: null, operation: null, from: null, to: null };

/**
 * Whoever reads the log picks a person by name: the log carries the staff directory (names only),
 * so managers, who may not list accounts, filter as administrators do.
 */
export function AuditFilters({
  value,
  onChange,
  users,
  operations,
}: {
  value: AuditFilterValues;
  onChange(next: AuditFilterValues): void;
  users: readonly AuditDirectoryEntry[];
  operations: readonly string[];
}) {
  const { t } = useTranslation();
  const byId = new Map(users.map((user) => [String(user.id), user]));
  const active = value.userId !== null || value.operation !== null || value.from !== null || value.to !== null;

  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Select
        label={t("audit.user")}
        placeholder={t("audit.anyUser")}
        searchable
        clearable
        w={240}
        data={users.map((user) => ({ value: String(user.id), label: `${user.displayName} (${user.username})` }))}
        // Names isolated in the list: one typed right to left cannot swap itself with its login.
        renderOption={({ option }) => {
          const user = byId.get(option.value);
          return user ? (
            <span>
              <UserText>{user.displayName}</UserText> (<UserText>{user.username}</UserText>)
            </span>
          ) : (
            option.label
          );
        }}
        value={value.userId === null ? null : String(value.userId)}
        onChange={(id) => onChange({ ...value, userId: id === null ? null : Number(id) })}
        nothingFoundMessage="—"
      />
      <Select
        label={t("audit.operation")}
        placeholder={t("audit.anyOperation")}
        searchable
        clearable
        w={260}
        data={operations.map((operation) => ({ value: operation, label: operationLabel(t, operation) }))}
        value={value.operation}
        onChange={(operation) => onChange({ ...value, operation })}
        nothingFoundMessage="—"
      />
      <DateFilterInput label={t("audit.from")} w={140} value={value.from ? isoDay(value.from) : null} onChange={(from) => onChange({ ...value, from: from ? parseIsoDay(from) : null })} />
      <DateFilterInput label={t("audit.to")} w={140} value={value.to ? isoDay(value.to) : null} onChange={(to) => onChange({ ...value, to: to ? parseIsoDay(to) : null })} />
      {/* Hidden rather than removed when there is nothing to clear, so the row never reflows. */}
      <Button variant="subtle" color="gray" style={{ visibility: active ? "visible" : "hidden" }} onClick={() => onChange(NO_FILTERS)}>
        {t("audit.clear")}
      </Button>
    </Group>
  );
}
