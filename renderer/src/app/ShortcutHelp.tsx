import { Fragment, useEffect, useEffectEvent, useState } from "react";
import { Kbd, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Dialog } from "../ui/Dialog";

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

/** Whether this page runs in the desktop app (the preload's bridge) or a plain browser. */
function inBrowser(): boolean {
  return !("crm" in window);
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
 * "?" anywhere but in a text field: the list of keyboard shortcuts. The desktop app's Help menu
 * presses the same key. Mounted once by the workspace; off while the session is locked.
 */
export function ShortcutHelp({ enabled }: { enabled: boolean }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.key !== "?" || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented || isTyping(event.target)) return;
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
  const everywhere: ShortcutRow[] = [
    { keys: [[ctrl, "K"], ["F2"]], label: t("shortcuts.lookup") },
    { keys: [[ctrl, "N"]], label: t("shortcuts.newPerson") },
    { keys: [[ctrl, "E"]], label: t("shortcuts.newReport") },
    { keys: [[ctrl, "T"]], label: t("shortcuts.newTraining") },
    { keys: [[ctrl, "L"]], label: t("shortcuts.lock") },
    { keys: [[t("shortcuts.keys.alt"), "1…9"]], label: t("shortcuts.sections") },
    { keys: [["?"]], label: t("shortcuts.help") },
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
      {inBrowser() && (
        <Text fz="sm" c="dimmed" mt="md">
          {t("shortcuts.browserNote")}
        </Text>
      )}
    </Dialog>
  );
}
