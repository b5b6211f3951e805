import { Fragment, useEffect, useEffectEvent, useState } from "react";
import { Kbd, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Dialog } from "../ui/Dialog";
import { isShortcut, LOOKUP_FUNCTION_KEY, SHORTCUT_KEYS, type AppShortcut } from "../../../common/shortcuts";

/** Keys as they are pressed, "+" between keys of one chord, "/" between alternatives. */
type Keys = readonly (readonly string[])[];

interface ShortcutRow {
  keys: Keys;
  label: string;
}

/** Fields where "?" is a character being typed, not a request for help. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.matches("input, textarea, select, [role='textbox'], [role='combobox'], [role='spinbutton']");
}

function KeyChords({ keys }: { keys: Keys }) {
  return (
    <>
      {keys.map((chord, i) => (
        <Fragment key={chord.join("+")}>
          {i > 0 && <Text span c="dimmed" mx={6}>/</Text>}
          {chord.map((key, j) => (
            <Fragment key={key}>
              {j > 0 && <Text span c="dimmed" mx={2}>+</Text>}
              <Kbd size="sm">{key}</Kbd>
            </Fragment>
          ))}
        </Fragment>
      ))}
    </>
  );
}

function ShortcutTable({ title, rows }: { title: string; rows: ShortcutRow[] }) {
  return (
    <Stack gap={6}>
      <Title order={3} fz="sm" c="dimmed" tt="uppercase" lts={0.4}>
        {title}
      </Title>
      <Table verticalSpacing={6} horizontalSpacing="xs" aria-label={title}>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.label}>
              <Table.Td style={{ whiteSpace: "nowrap", width: 1 }}>
                <KeyChords keys={row.keys} />
              </Table.Td>
              <Table.Td fz="sm">{row.label}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/**
 * "?" anywhere but in a text field: the list of keyboard shortcuts, the same keys in the desktop
 * app and in a browser. The desktop app's Help menu presses the same key. Mounted once by the
 * workspace; off while the session is locked.
 */
export function ShortcutHelp({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (!isShortcut(event, "help") || event.defaultPrevented || isTyping(event.target)) return;
    event.preventDefault();
    setOpened(true);
  });

  // Locking closes it (the modal lives in a portal, outside the workspace the lock makes inert).
  if (!enabled && opened) setOpened(false);

  useEffect(() => {
    if (!enabled) return;
    const listener = (event: KeyboardEvent) => onKey(event);
    window.addEventListener("keydown", listener);
    return () => window.removeEventListener("keydown", listener);
  }, [enabled]);

  const ctrl = t("shortcuts.keys.ctrl");
  const alt = t("shortcuts.keys.alt");
  // The chords of common/shortcuts.ts, the very table the listeners and the desktop menu use.
  const chord = (id: AppShortcut): string[] => {
    const { key, ctrl: withCtrl, alt: withAlt } = SHORTCUT_KEYS[id];
    return [...(withCtrl ? [ctrl] : []), ...(withAlt ? [alt] : []), key.toUpperCase()];
  };
  const everywhere: ShortcutRow[] = [
    { keys: [chord("lookup"), [LOOKUP_FUNCTION_KEY]], label: t("shortcuts.lookup") },
    { keys: [chord("newPerson")], label: t("shortcuts.newPerson") },
    { keys: [chord("newReport")], label: t("shortcuts.newReport") },
    { keys: [chord("newTraining")], label: t("shortcuts.newTraining") },
    { keys: [chord("lock")], label: t("shortcuts.lock") },
    { keys: [[alt, "1…9"]], label: t("shortcuts.sections") },
    { keys: [chord("help")], label: t("shortcuts.help") },
  ];
  const lists: ShortcutRow[] = [
    { keys: [["↑"], ["↓"]], label: t("shortcuts.move") },
    { keys: [[t("shortcuts.keys.enter")]], label: t("shortcuts.open") },
    { keys: [[t("shortcuts.keys.esc")]], label: t("shortcuts.clear") },
  ];
  const forms: ShortcutRow[] = [
    { keys: [[ctrl, t("shortcuts.keys.enter")]], label: t("shortcuts.submit") },
    { keys: [[t("shortcuts.keys.esc")]], label: t("shortcuts.close") },
  ];

  return (
    <Dialog opened={opened} onClose={() => setOpened(false)} title={t("shortcuts.title")} size={960}>
      <SimpleGrid cols={2} spacing="xl">
        <ShortcutTable title={t("shortcuts.everywhere")} rows={everywhere} />
        <Stack gap="lg">
          <ShortcutTable title={t("shortcuts.lists")} rows={lists} />
          <ShortcutTable title={t("shortcuts.forms")} rows={forms} />
        </Stack>
      </SimpleGrid>
    </Dialog>
  );
}
