import { Button, Tooltip } from "@mantine/core";
import { Link } from "react-router";
import { ariaKeysOf, type AppShortcut } from "../../../common/shortcuts";
import { PlusIcon } from "./icons";

/**
 * "New … for this person" in a section of the person card: a link to the form with the person
 * already chosen, as the shortcut does from the card. Short on the button (the section's title
 * says the rest), whole in its accessible name and tooltip, with the shortcut's keys.
 */
export function NewForPersonButton({ to, label, short, shortcut }: { to: string; label: string; short: string; shortcut: AppShortcut }) {
  const keys = ariaKeysOf(shortcut);
  return (
    <Tooltip label={`${label} (${keys})`}>
      <Button component={Link} to={to} size="compact-sm" variant="subtle" leftSection={<PlusIcon size={14} />} aria-label={label} aria-keyshortcuts={keys}>
        {short}
      </Button>
    </Tooltip>
  );
}
