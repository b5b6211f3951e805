import { Button, FocusTrap, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { fieldErrorOf } from "../../api/fieldErrors";
import { PasswordField } from "../../ui/PasswordField";
import { LockIcon } from "../../ui/icons";
import { credentialMessage } from "./credentialMessage";
import { useSignedIn } from "../../api/session";

/**
 * Drawn over the workspace, which stays mounted (and inert) underneath: whatever was typed or
 * opened before the lock is still there after it. The backdrop is nearly opaque and blurred so a
 * passer-by cannot read a caller's data on an unattended desk.
 */
export function LockOverlay() {
  const { t } = useTranslation();
  const { state, unlock, logout } = useSignedIn();
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!password) {
      setError(t("errors.required"));
      return;
    }
    setBusy(true);
    try {
      await unlock(password);
    } catch (failure) {
      setError(fieldErrorOf(failure)?.password ?? credentialMessage(t, failure, "unlock"));
      setPassword("");
      setBusy(false);
    }
  }

  return (
    <div
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      style={{
        position: "fixed",
        inset: 0,
        zIndex: 400,
        display: "grid",
        placeItems: "center",
        padding: 16,
        background: "rgba(236, 241, 247, 0.94)",
        backdropFilter: "blur(8px)",
      }}
    >
      <FocusTrap active>
        <Paper withBorder shadow="md" radius="md" p="xl" w="100%" maw={380}>
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              <Group gap="sm" wrap="nowrap">
                <div
                  aria-hidden
                  style={{ width: 36, height: 36, borderRadius: 18, background: "var(--mantine-color-jet-0)", color: "var(--mantine-color-jet-7)", display: "grid", placeItems: "center", flex: "none" }}
                >
                  <LockIcon size={18} />
                </div>
                <div>
                  <Title order={2} fz="h3" id={titleId}>
                    {t("lock.title")}
                  </Title>
                  <Text fz="sm" c="dimmed">
                    {t("lock.user", { name: state.user.displayName })}
                  </Text>
                </div>
              </Group>
              <Text fz="sm">{t("lock.text")}</Text>
              <PasswordField
                label={t("lock.password")}
                autoComplete="current-password"
                data-autofocus
                value={password}
                onChange={(e) => {
                  setPassword(e.currentTarget.value);
                  setError(null);
                }}
                error={error}
              />
              <Group justify="space-between" mt={4}>
                <Button variant="subtle" color="gray" onClick={() => void logout()}>
                  {t("lock.logout")}
                </Button>
                <Button type="submit" loading={busy}>
                  {t("lock.submit")}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      </FocusTrap>
    </div>
  );
}
