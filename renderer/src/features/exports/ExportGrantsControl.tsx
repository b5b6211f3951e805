import { Button, Checkbox, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useApiMutation, useApiQuery } from "../../api/queries";
import { MANAGERS } from "../../../../common/roles";
import { notifyError, notifySuccess } from "../../ui/toasts";
import { UserText } from "../../ui/UserText";

/**
 * Administrators: which agents and support users may export too (setting
 * `exports.grantedUserIds`). Managers and administrators always may (the server's rule, MANAGERS),
 * so they are not listed. Self-contained: the shell puts it under the accounts list.
 */
export function ExportGrantsControl() {
  const { t } = useTranslation();
  const users = useApiQuery("users.list", {}).data;
  const stored = useApiQuery("settings.get", {}).data?.["exports.grantedUserIds"];
  // The ticks shown are what is stored until the first change; after a save, what is stored again.
  const [edited, setEdited] = useState<number[] | null>(null);
  const granted = edited ?? stored;
  const update = useApiMutation("settings.update", {
    onSuccess: () => {
      setEdited(null);
      notifySuccess(t("exports.grants.saved"));
    },
  });

  if (!users || !granted) return null;
  const candidates = users.filter((u) => !(MANAGERS as readonly string[]).includes(u.role));

  // Ids of accounts that no longer exist are dropped; deactivated accounts keep their grant.
  const save = () => {
    const known = new Set(users.map((u) => u.id));
    update.mutate({ "exports.grantedUserIds": granted.filter((id) => known.has(id)) }, { onError: notifyError });
  };

  return (
    <Paper withBorder radius="md" p="md" mt="md" maw={640}>
      <Stack gap="xs">
        <Title order={2} fz="md" id="export-grants-title">
          {t("exports.grants.title")}
        </Title>
        <Text fz="sm" c="dimmed">
          {t("exports.grants.description")}
        </Text>
        {candidates.length === 0 ? (
          <Text fz="sm">{t("exports.grants.none")}</Text>
        ) : (
          <Group gap="lg" role="group" aria-labelledby="export-grants-title">
            {candidates.map((user) => (
              <Checkbox
                key={user.id}
                // The name isolated: one written right to left cannot swap itself with the login after it.
                label={
                  <>
                    <UserText>{user.displayName}</UserText>
                    {` (${user.username})`}
                  </>
                }
                checked={granted.includes(user.id)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setEdited(on ? [...granted, user.id] : granted.filter((id) => id !== user.id));
                }}
              />
            ))}
          </Group>
        )}
        <Group justify="flex-end">
          <Button size="sm" loading={update.isPending} onClick={save} disabled={candidates.length === 0}>
            {t("exports.grants.save")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
