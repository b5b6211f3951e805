import { Group, Paper, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

/** One titled block of the person card (phones, emails, timeline…), with its actions on the right. */
export function CardSection({ title, count, actions, children, padded = true }: { title: string; count?: ReactNode; actions?: ReactNode; children: ReactNode; padded?: boolean }) {
  return (
    <Paper withBorder radius="md" component="section" aria-label={title} style={{ overflow: "hidden" }}>
      <Group justify="space-between" wrap="nowrap" px="sm" mih={40} py={4} style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
        <Group gap={8} wrap="nowrap">
          <Title order={2} fz="h4">
            {title}
          </Title>
          {count !== undefined && (
            <Text fz="xs" c="dimmed">
              {count}
            </Text>
          )}
        </Group>
        {actions && (
          <Group gap={4} wrap="nowrap">
            {actions}
          </Group>
        )}
      </Group>
      {padded ? (
        <div style={{ padding: "var(--mantine-spacing-xs) var(--mantine-spacing-sm)" }}>{children}</div>
      ) : (
        children
      )}
    </Paper>
  );
}

/** Label–value pairs (identity, company details) in two aligned columns. */
export function Facts({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <dl style={{ display: "grid", gridTemplateColumns: "minmax(90px, max-content) 1fr", columnGap: 16, rowGap: 6, margin: 0 }}>
      {items.map((item) => (
        <div key={item.label} style={{ display: "contents" }}>
          <Text component="dt" fz="sm" c="dimmed">
            {item.label}
          </Text>
          <Text component="dd" fz="sm" m={0} style={{ minWidth: 0, overflowWrap: "anywhere" }}>
            {item.value}
          </Text>
        </div>
      ))}
    </dl>
  );
}
