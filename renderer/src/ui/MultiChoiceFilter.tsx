import { Checkbox, Input, Popover, Stack, UnstyledButton } from "@mantine/core";
import { useId, useState } from "react";
import { SortNoneIcon } from "./icons";

/**
 * A several-values filter that keeps one line whatever is ticked (a pill input grows and pushes
 * the table down): the box says what is chosen, the ticks are in a popover.
 */
export function MultiChoiceFilter<V extends string>({
  label,
  anyLabel,
  options,
  value,
  onChange,
  w = 200,
}: {
  label: string;
  anyLabel: string;
  options: readonly { value: V; label: string }[];
  value: readonly V[];
  onChange(next: V[]): void;
  w?: number;
}) {
  const [opened, setOpened] = useState(false);
  const id = useId();
  const chosen = options.filter((o) => value.includes(o.value)).map((o) => o.label);
  const summary = chosen.length === 0 ? anyLabel : chosen.join(", ");

  return (
    // Popover.Target gives the button its own id, so a label's htmlFor cannot reach it: the button
    // names itself from the label and the summary instead ("Statut Nouveau, Trié").
    <Input.Wrapper label={label} labelProps={{ id: `${id}-label` }} w={w}>
      <Popover opened={opened} onChange={setOpened} position="bottom-start" shadow="md" trapFocus returnFocus width={Math.max(w, 220)}>
        <Popover.Target>
          <UnstyledButton
            aria-labelledby={`${id}-label ${id}-summary`}
            className="mantine-Input-input"
            aria-haspopup="dialog"
            aria-expanded={opened}
            title={summary}
            onClick={() => setOpened((o) => !o)}
            style={{
              display: "flex",
              alignItems: "center",
              justifyContent: "space-between",
              gap: 6,
              width: "100%",
              height: "var(--input-height-sm, 36px)",
              padding: "0 10px",
              border: "1px solid var(--mantine-color-gray-4)",
              borderRadius: "var(--mantine-radius-sm)",
              background: "var(--mantine-color-white)",
              fontSize: "var(--mantine-font-size-sm)",
              color: chosen.length ? "inherit" : "var(--mantine-color-dimmed)",
            }}
          >
            <span id={`${id}-summary`} style={{ overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>
              {summary}
            </span>
            <span style={{ color: "var(--mantine-color-dimmed)", display: "flex", flex: "none" }}>
              <SortNoneIcon size={14} />
            </span>
          </UnstyledButton>
        </Popover.Target>
        <Popover.Dropdown p="sm" aria-label={label} role="dialog">
          <Checkbox.Group value={[...value]} onChange={(next) => onChange(options.filter((o) => next.includes(o.value)).map((o) => o.value))} aria-label={label}>
            <Stack gap={8}>
              {options.map((option) => (
                <Checkbox key={option.value} value={option.value} label={option.label} />
              ))}
            </Stack>
          </Checkbox.Group>
        </Popover.Dropdown>
      </Popover>
    </Input.Wrapper>
  );
}
