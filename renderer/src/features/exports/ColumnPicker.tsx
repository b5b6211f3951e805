import { ActionIcon, Button, Checkbox, Group, Paper, ScrollArea, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { RecordSetInfo } from "./exportTypes";

const Arrow = ({ up }: { up: boolean }) => (
  <svg width={14} height={14} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2} aria-hidden="true">
    <path d={up ? "M6 15l6-6 6 6" : "M6 9l6 6 6-6"} />
  </svg>
);

/**
 * Which columns, in which order: the chosen ones first in export order (tick to remove, arrows to
 * move), then the others to tick. Every control is a button or a checkbox, so it all works from
 * the keyboard.
 */
export function ColumnPicker({ set, value, onChange }: { set: RecordSetInfo; value: string[]; onChange(next: string[]): void }) {
  const { t } = useTranslation();
  const byKey = new Map(set.columns.map((c) => [c.key, c]));
  const unchosen = set.columns.filter((c) => !value.includes(c.key));
  const move = (index: number, delta: number) => {
    const next = [...value];
    const [item] = next.splice(index, 1);
    next.splice(index + delta, 0, item!);
    onChange(next);
  };

  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <Text fz="sm" fw={600} id="export-columns-label">
          {t("exports.columns")}{" "}
          <Text span c="dimmed" fz="xs" fw={400}>
            {t("exports.columnsChosen", { count: value.length, total: set.columns.length })}
          </Text>
        </Text>
        <Group gap={4}>
          <Button size="compact-xs" variant="subtle" onClick={() => onChange(set.columns.map((c) => c.key))}>
            {t("exports.allColumns")}
          </Button>
          <Button size="compact-xs" variant="subtle" onClick={() => onChange([...set.defaults])}>
            {t("exports.defaultColumns")}
          </Button>
        </Group>
      </Group>
      <Paper withBorder radius="sm">
        <ScrollArea.Autosize mah={300} type="auto">
          <Stack gap={0} p={4} role="group" aria-labelledby="export-columns-label">
            {value.map((key, index) => {
              const column = byKey.get(key)!;
              return (
                <Group key={key} gap={4} wrap="nowrap" px={4} py={2} style={{ borderRadius: 4, background: "var(--mantine-color-blue-0)" }}>
                  <Checkbox size="xs" label={column.label} checked onChange={() => onChange(value.filter((k) => k !== key))} style={{ flex: 1 }} />
                  <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t("exports.moveUp", { column: column.label })} disabled={index === 0} onClick={() => move(index, -1)}>
                    <Arrow up />
                  </ActionIcon>
                  <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t("exports.moveDown", { column: column.label })} disabled={index === value.length - 1} onClick={() => move(index, 1)}>
                    <Arrow up={false} />
                  </ActionIcon>
                </Group>
              );
            })}
            {unchosen.map((column) => (
              <Group key={column.key} px={4} py={2}>
                <Checkbox size="xs" label={column.label} checked={false} onChange={() => onChange([...value, column.key])} />
              </Group>
            ))}
          </Stack>
        </ScrollArea.Autosize>
      </Paper>
    </Stack>
  );
}
