import { Button, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EditIcon } from "../../ui/icons";
import { formatDateTime } from "../../i18n/zurichTime";
import { CardSection } from "../../ui/CardSection";
import type { RequestDetail } from "./privacyTypes";

/**
 * A correction is made on the person card, where every change keeps its old value; this panel is
 * the proof for the request: the changes made since it was received.
 */
export function CorrectionsPanel({ request, blockedReason }: { request: RequestDetail; blockedReason: string | null }) {
  const { t } = useTranslation();
  const person = request.person;
  const fieldLabel = (field: string) => t(`people.fields.${field}` as never, { defaultValue: field }) as string;
  return (
    <CardSection
      title={t("privacy.corrections.title")}
      count={request.corrections.length || undefined}
      actions={
        person &&
        // A disabled link would still navigate: before the identity check it is a plain disabled button.
        (blockedReason ? (
          <Button size="compact-sm" variant="light" leftSection={<EditIcon size={14} />} disabled>
            {t("privacy.corrections.openCard")}
          </Button>
        ) : (
          <Button size="compact-sm" variant="light" component={Link} to={`/people/${person.id}`} leftSection={<EditIcon size={14} />}>
            {t("privacy.corrections.openCard")}
          </Button>
        ))
      }
    >
      <Text fz="sm" c={blockedReason ? "orange.9" : "dimmed"} mb="xs">
        {blockedReason ?? t("privacy.corrections.intro")}
      </Text>
      {request.corrections.length === 0 ? (
        <Text fz="sm" c="dimmed">
          {t("privacy.corrections.none")}
        </Text>
      ) : (
        <Table fz="sm" layout="fixed" aria-label={t("privacy.corrections.title")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={140}>{t("privacy.corrections.at")}</Table.Th>
              <Table.Th w={140}>{t("privacy.corrections.field")}</Table.Th>
              <Table.Th>{t("privacy.corrections.old")}</Table.Th>
              <Table.Th>{t("privacy.corrections.new")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {request.corrections.map((c, index) => (
              <Table.Tr key={`${c.at}-${c.field}-${index}`}>
                <Table.Td>{formatDateTime(c.at)}</Table.Td>
                <Table.Td>{fieldLabel(c.field)}</Table.Td>
                <Table.Td c="dimmed" style={{ overflowWrap: "anywhere", textDecoration: "line-through" }}>
                  {c.oldValue ?? "—"}
                </Table.Td>
                <Table.Td style={{ overflowWrap: "anywhere" }}>{c.newValue ?? "—"}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </CardSection>
  );
}
