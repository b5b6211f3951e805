import { Button, CopyButton, Group, Paper, Stack, Text, ThemeIcon, Title } from "@mantine/core";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PreviousPageIcon } from "../../ui/icons";
import { CheckIcon, CopyIcon } from "./reportIcons";

/**
 * The reference, large, for the agent to read out to the caller; then where to go next. Focus
 * lands on the copy button, so Enter copies it for an email or a chat.
 */
export function ReferencePanel({
  reportId,
  reference,
  title,
  person,
  onAnother,
}: {
  reportId: number;
  reference: string;
  title: string;
  person: { id: number; name: string };
  onAnother(): void;
}) {
  const { t } = useTranslation();
  const copyRef = useRef<HTMLButtonElement>(null);
  useEffect(() => copyRef.current?.focus(), []);

  return (
    <Paper withBorder radius="md" p="xl" maw={720} component="section" aria-labelledby="report-reference">
      <Stack gap="md" align="flex-start">
        <Group gap="sm">
          <ThemeIcon color="teal" variant="light" radius="xl" size={32}>
            <CheckIcon size={18} />
          </ThemeIcon>
          <Text fw={600}>{t("reports.reference.saved")}</Text>
        </Group>
        <div>
          <Text fz="sm" c="dimmed" mb={4}>
            {t("reports.reference.readOut")}
          </Text>
          <Group gap="lg" align="center" wrap="nowrap">
            <Title id="report-reference" order={2} ff="monospace" fz={44} fw={700} lh={1.1} style={{ letterSpacing: "0.04em" }}>
              {reference}
            </Title>
            <CopyButton value={reference} timeout={2000}>
              {({ copied, copy }) => (
                <Button
                  ref={copyRef}
                  variant={copied ? "light" : "default"}
                  color={copied ? "teal" : undefined}
                  leftSection={copied ? <CheckIcon size={16} /> : <CopyIcon size={16} />}
                  onClick={copy}
                  miw={120}
                >
                  {copied ? t("reports.reference.copied") : t("reports.reference.copy")}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text mt="xs" fz="sm" style={{ overflowWrap: "anywhere" }}>
            {title}
          </Text>
        </div>
        <Group gap="sm" mt="xs">
          <Button component={Link} to={`/reports/${reportId}`}>
            {t("reports.reference.open")}
          </Button>
          <Button component={Link} to={`/people/${person.id}`} variant="default" leftSection={<PreviousPageIcon size={16} />}>
            {t("reports.reference.backToPerson", { name: person.name })}
          </Button>
          <Button variant="subtle" onClick={onAnother}>
            {t("reports.reference.another")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
