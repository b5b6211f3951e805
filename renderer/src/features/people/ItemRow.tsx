import { ActionIcon, Group, Tooltip } from "@mantine/core";
import type { ReactNode } from "react";

/** One phone, email or address on the card, its actions kept at the right edge. */
export function ItemRow({ children, actions }: { children: ReactNode; actions: ReactNode }) {
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs" py={5} style={{ borderBottom: "1px solid var(--mantine-color-gray-2)" }}>
      <div style={{ minWidth: 0, flex: 1 }}>{children}</div>
      <Group gap={2} wrap="nowrap" style={{ flex: "none" }}>
        {actions}
      </Group>
    </Group>
  );
}

/** An icon button whose accessible name says what it does to which item. */
export function ItemAction({ label, icon, onClick, color, hidden }: { label: string; icon: ReactNode; onClick(): void; color?: string; hidden?: boolean }) {
  // Hidden actions keep their room, so the other icons never shift between rows.
  if (hidden) return <span style={{ width: 28, display: "inline-block" }} aria-hidden />;
  return (
    <Tooltip label={label}>
      <ActionIcon variant="subtle" color={color ?? "gray"} aria-label={label} onClick={onClick}>
        {icon}
      </ActionIcon>
    </Tooltip>
  );
}
