import { SimpleGrid, Text } from "@mantine/core";
import type { ReactNode } from "react";

export interface Fact {
  label: string;
  value: ReactNode;
  /** Takes the whole row (long texts such as notes). */
  wide?: boolean;
}

/** Label over value, in a description list: how detail pages show what was recorded. */
export function FactList({ facts, cols = 2 }: { facts: Fact[]; cols?: number }) {
  return (
    <SimpleGrid cols={cols} spacing="lg" verticalSpacing="sm" component="dl" m={0}>
      {facts.map((fact) => (
        <div key={fact.label} style={fact.wide ? { gridColumn: "1 / -1" } : undefined}>
          <Text component="dt" fz="xs" fw={600} c="dimmed" tt="uppercase" style={{ letterSpacing: "0.02em" }}>
            {fact.label}
          </Text>
          <Text component="dd" fz="sm" m={0} style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
            {fact.value === "" || fact.value === null || fact.value === undefined ? (
              <Text span c="dimmed">
                —
              </Text>
            ) : (
              fact.value
            )}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}
