import { Anchor, Loader, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useApiQuery } from "../../api/queries";
import { formatDateTime } from "../../i18n/zurichTime";
import { formatPhone } from "../../../../common/phone";
import { PERSON_LANGUAGES, PHONE_KINDS, SALUTATIONS } from "../../../../common/enums";
import { Dialog } from "../../ui/Dialog";

const HISTORY_FIELDS = ["salutation", "firstName", "lastName", "language", "companyId", "phones", "phonesKind", "emails", "addresses"] as const;
type HistoryField = (typeof HISTORY_FIELDS)[number];
/** The server's field path as a translation key ("phones.kind" → phonesKind). */
const fieldKey = (field: string): HistoryField | null => {
  const key = field.replace(/\.(\w)/g, (_m, c: string) => c.toUpperCase());
  return (HISTORY_FIELDS as readonly string[]).includes(key) ? (key as HistoryField) : null;
};
const isOneOf = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);

/** Every correction of the person: who, when, which field, old → new value (rectification history). */
export function HistoryModal({ personId, name, onClose }: { personId: number; name: string; onClose(): void }) {
  const { t } = useTranslation();
  const history = useApiQuery("people.history", { id: personId });
  const entries = history.data ?? null;

  function fieldLabel(field: string) {
    const key = fieldKey(field);
    return key ? t(`people.historyDialog.fields.${key}`) : field;
  }

  function value(field: string, raw: string | null) {
    if (raw === null || raw === "") return <Text span fz="sm" c="dimmed" fs="italic">{t("people.historyDialog.none")}</Text>;
    if (field === "salutation" && isOneOf(SALUTATIONS, raw)) return t(`people.salutations.${raw}`);
    if (field === "language" && isOneOf(PERSON_LANGUAGES, raw)) return t(`people.languages.${raw}`);
    if (field === "phones.kind" && isOneOf(PHONE_KINDS, raw)) return t(`people.phoneKinds.${raw}`);
    if (field === "phones") return <span style={{ fontVariantNumeric: "tabular-nums" }}>{formatPhone(raw)}</span>;
    if (field === "companyId")
      return (
        <Anchor component={Link} to={`/companies/${raw}`} fz="sm" onClick={onClose}>
          {t("people.historyDialog.companyRef", { id: raw })}
        </Anchor>
      );
    return raw;
  }

  return (
    <Dialog opened onClose={onClose} title={t("people.historyDialog.title", { name })} size="xl">
      {history.error ? (
        <Text fz="sm" c="red" role="alert">
          {history.error.message}
        </Text>
      ) : !entries ? (
        <Loader size="sm" aria-label={t("common.loading")} />
      ) : entries.length === 0 ? (
        <Text c="dimmed" fz="sm">
          {t("people.historyDialog.empty")}
        </Text>
      ) : (
        <Table layout="fixed" striped="even" aria-label={t("people.historyDialog.tableLabel")} data-autofocus tabIndex={-1}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={136}>{t("people.historyDialog.when")}</Table.Th>
              <Table.Th w="18%">{t("people.historyDialog.who")}</Table.Th>
              <Table.Th w="18%">{t("people.historyDialog.field")}</Table.Th>
              <Table.Th>{t("people.historyDialog.change")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry) => (
              <Table.Tr key={entry.id}>
                <Table.Td style={{ fontVariantNumeric: "tabular-nums", verticalAlign: "top", whiteSpace: "nowrap" }}>{formatDateTime(entry.at)}</Table.Td>
                <Table.Td style={{ verticalAlign: "top" }}>{entry.user ?? t("people.historyDialog.unknownUser")}</Table.Td>
                <Table.Td style={{ verticalAlign: "top" }}>{fieldLabel(entry.field)}</Table.Td>
                <Table.Td style={{ overflowWrap: "anywhere" }}>
                  <Text span fz="sm" c="dimmed" td={entry.oldValue ? "line-through" : undefined}>
                    {value(entry.field, entry.oldValue)}
                  </Text>
                  <Text span fz="sm" mx={8} c="dimmed" aria-hidden>
                    →
                  </Text>
                  <Text span fz="sm" fw={500}>
                    {value(entry.field, entry.newValue)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Dialog>
  );
}
