import { Button, Checkbox, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import type { PublicUser } from "../../api/types";
import { notifyError, notifySuccess } from "../../ui/toasts";

/**
 * Administrators: which agents and support users may export too (setting
 * `exports.grantedUserIds`). Managers and administrators always may, so they are not listed.
 */
export function ExportGrantsControl({ users }: { users: PublicUser[] | null }) {
  const { t } = useTranslation();
  const [granted, setGranted] = useState<number[] | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    api.settings
      .get({})
      .then((s) => setGranted(s["exports.grantedUserIds"]))
      .catch(notifyError);
  }, []);

  if (!users || !granted) return null;
  const candidates = users.filter((u) => u.role === "agent" || u.role === "support");

  const save = async () => {
    setSaving(true);
    try {
      // Ids of accounts that no longer exist are dropped; deactivated accounts keep their grant.
      const known = new Set(users.map((u) => u.id));
      const saved = await api.settings.update({ "exports.grantedUserIds": granted.filter((id) => known.has(id)) });
      setGranted(saved["exports.grantedUserIds"]);
      notifySuccess(t("exports.grants.saved"));
    } catch (error) {
      notifyError(error);
    } finally {
      setSaving(false);
    }
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
                label={`${user.displayName} (${user.username})`}
                checked={granted.includes(user.id)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setGranted((g) => (on ? [...(g ?? []), user.id] : (g ?? []).filter((id) => id !== user.id)));
                }}
              />
            ))}
          </Group>
        )}
        <Group justify="flex-end">
          <Button size="sm" loading={saving} onClick={() => void save()} disabled={candidates.length === 0}>
            {t("exports.grants.save")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
