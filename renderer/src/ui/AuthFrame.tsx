import { Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { chooseLanguageBeforeSignIn } from "../api/session";
import { BrandMark } from "./BrandMark";
import { LanguageSwitch } from "../i18n/LanguageSwitch";

/**
 * The frame of everything shown before sign-in: brand, language choice (shown at once, and saved
 * as the preference of whoever signs in next) and one card.
 */
export function AuthFrame({ title, intro, children, width = 400 }: { title: string; intro?: ReactNode; children: ReactNode; width?: number }) {
  return (
    <main style={{ minHeight: "100%", display: "grid", placeItems: "center", padding: "48px 16px" }}>
      <Stack gap="md" w="100%" maw={width}>
        <Group justify="space-between" align="center">
          <BrandMark withCompany />
          <LanguageSwitch onChange={chooseLanguageBeforeSignIn} />
        </Group>
        <Paper withBorder shadow="xs" radius="md" p="xl">
          <Stack gap="lg">
            <div>
              <Title order={1} fz="h2">
                {title}
              </Title>
              {intro && (
                <Text c="dimmed" fz="sm" mt={6}>
                  {intro}
                </Text>
              )}
            </div>
            {children}
          </Stack>
        </Paper>
      </Stack>
    </main>
  );
}
