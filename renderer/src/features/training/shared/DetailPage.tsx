import { Anchor, Group, Loader, Stack, Text, Title } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError } from "../../../api/ApiError";

/**
 * One record's page in the catalogue (a course, a session): while it loads a spinner, when it is
 * gone a sentence saying so, else the page `children` draws from it.
 */
export function DetailPage<T>({ query, notFound, children }: { query: UseQueryResult<T, ApiError>; notFound: string; children(record: T): ReactNode }) {
  const { t } = useTranslation();
  if (query.isError) {
    return (
      <Text c="dimmed" py="xl" ta="center">
        {query.error instanceof ApiError && query.error.code === "NOT_FOUND" ? notFound : query.error.message}
      </Text>
    );
  }
  if (query.data === undefined) return <Loader size="sm" aria-label={t("training.loading")} />;
  return <Stack gap="md">{children(query.data)}</Stack>;
}

/** The way back, the record's name with its state, and what a manager may do with it. */
export function DetailHeader({ back, title, badge, actions }: { back: { to: string; label: ReactNode }; title: ReactNode; badge?: ReactNode; actions?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap">
      <div>
        <Anchor component={Link} to={back.to} fz="sm">
          ← {back.label}
        </Anchor>
        <Group gap="sm" align="center">
          <Title order={2}>{title}</Title>
          {badge}
        </Group>
      </div>
      {actions && (
        <Group gap="xs" wrap="nowrap">
          {actions}
        </Group>
      )}
    </Group>
  );
}

/** A titled part of a record's page (its sessions, its participants). */
export function DetailSection({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <section>
      <Title order={3} mb="xs">
        {title}
      </Title>
      {children}
    </section>
  );
}
