import { Table, Text } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";

/** The order a person reads the erasure's counts in; a kind the server adds later comes last. */
const ORDER = [
  "people",
  "phones",
  "emails",
  "addresses",
  "interactions",
  "error_reports",
  "error_reports_kept",
  "error_report_events",
  "training_requests",
  "contact_preferences",
  "contact_preference_changes",
  "person_history",
  "privacy_requests",
  "disclosures",
];

function kindLabel(t: TFunction, kind: string): string {
  return t(`privacy.erasure.kinds.${kind}` as never, { defaultValue: kind }) as string;
}

/** Counts per kind of data (never values): what an erasure will remove, or removed. */
export function ErasureCountTable({ counts, label }: { counts: Record<string, number>; label: string }) {
  const { t } = useTranslation();
  const kinds = [...ORDER.filter((k) => k in counts), ...Object.keys(counts).filter((k) => !ORDER.includes(k))];
  return (
    <Table fz="sm" verticalSpacing={3} aria-label={label} withRowBorders={false}>
      <Table.Tbody>
        {kinds.map((kind) => {
          const n = counts[kind] ?? 0;
          return (
            <Table.Tr key={kind} c={n === 0 ? "dimmed" : undefined}>
              <Table.Td>{kindLabel(t, kind)}</Table.Td>
              <Table.Td ta="right" w={60} style={{ fontVariantNumeric: "tabular-nums" }}>
                <Text span fz="sm" fw={n > 0 ? 700 : 400}>
                  {n}
                </Text>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
