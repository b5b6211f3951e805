import { Anchor, Button, Group, Paper, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { ApiError } from "../../api/ApiError";

/**
 * A card or a company that could not be read: "not found" with the way back to the lookup, or the
 * server's refusal with a second try (a passing fault should not need a reload of the app).
 */
export function LoadProblem({ error, notFound, onRetry }: { error: ApiError; notFound: string; onRetry(): void }) {
  const { t } = useTranslation();
  const missing = error.code === "NOT_FOUND";
  return (
    <Paper withBorder radius="md" p="xl" maw={640} mx="auto" mt="xl" role={missing ? undefined : "alert"}>
      {missing ? (
        <Text>{notFound}</Text>
      ) : (
        <>
          <Text fw={600}>{t(`errors.titles.${error.code}`)}</Text>
          <Text fz="sm">{error.message}</Text>
        </>
      )}
      <Group gap="md" mt="sm">
        {!missing && (
          <Button size="compact-sm" variant="default" onClick={onRetry}>
            {t("common.retry")}
          </Button>
        )}
        <Anchor component={Link} to="/" fz="sm">
          {t("people.card.backToLookup")}
        </Anchor>
      </Group>
    </Paper>
  );
}
