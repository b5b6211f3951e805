import { Alert, Anchor, Badge, Button, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { MergeIcon, WarningIcon } from "../../ui/peopleIcons";
import { personName } from "../../../../common/person-name";
import type { DuplicateCandidate } from "./types";

/** Likely the same person: each candidate linked, with why it looks like a duplicate. */
export function DuplicateList({ candidates, intro, onMerge }: { candidates: DuplicateCandidate[]; intro?: string; onMerge?(candidate: DuplicateCandidate): void }) {
  const { t } = useTranslation();
  return (
    <Alert variant="light" color="orange" title={t("people.duplicates.title")} icon={<WarningIcon size={18} />} role="alert" aria-label={t("people.duplicates.title")}>
      <Stack gap={6}>
        {intro && <Text fz="sm">{intro}</Text>}
        {candidates.map((c) => {
          const name = personName(c);
          return (
            <Group key={c.personId} gap={8} wrap="wrap">
              <Anchor component={Link} to={`/people/${c.personId}`} fw={600} fz="sm" aria-label={t("people.duplicates.open", { name })}>
                {name}
              </Anchor>
              <Text span fz="xs" c="dimmed">
                {t("people.duplicates.number", { id: c.personId })}
              </Text>
              {c.reasons.map((reason) => (
                <Badge key={reason} variant="outline" color="orange" size="sm">
                  {t(`people.duplicates.reasons.${reason}`)}
                </Badge>
              ))}
              {onMerge && (
                <Button size="compact-xs" variant="subtle" color="orange" leftSection={<MergeIcon size={14} />} onClick={() => onMerge(c)}>
                  {t("people.duplicates.mergeWith", { name })}
                </Button>
              )}
            </Group>
          );
        })}
      </Stack>
    </Alert>
  );
}
