import { Group, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { UserText } from "./UserText";

/**
 * Title row shared by every screen, so titles and actions sit at the same place everywhere. The
 * title is often user text (a person's or a company's name): it is isolated, so it reads in its own
 * direction and cannot reorder anything beside it.
 */
export function PageHeader({ title, subtitle, actions }: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-end" mb="md" wrap="nowrap" mih={36}>
      <div>
        <Title order={1} fz="h2">
          <UserText>{title}</UserText>
        </Title>
        {subtitle && (
          <Text fz="sm" c="dimmed">
            {subtitle}
          </Text>
        )}
      </div>
      {actions && <Group gap="xs">{actions}</Group>}
    </Group>
  );
}
