import { Alert, Button, Stack, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { ApiError } from "../../api/ApiError";
import { useApiMutation } from "../../api/queries";
import { fieldErrorOf, type FieldErrors } from "../../api/fieldErrors";
import { PasswordField } from "../../ui/PasswordField";
import { AuthFrame } from "../../ui/AuthFrame";
import { credentialMessage } from "./credentialMessage";
import { useSession } from "../../api/session";

export function LoginScreen({ ended }: { ended?: ApiError }) {
  const { t } = useTranslation();
  const { enter } = useSession();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The session's start empties the cache itself (enter): nothing to invalidate here.
  const login = useApiMutation("session.login", { keepCache: true });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing: FieldErrors = {};
    if (!username.trim()) missing.username = t("errors.required");
    if (!password) missing.password = t("errors.required");
    setFieldErrors(missing);
    setFailure(null);
    if (Object.keys(missing).length) return;
    setBusy(true);
    try {
      enter(await login.mutateAsync({ username, password }));
    } catch (error) {
      const fields = fieldErrorOf(error);
      if (fields) setFieldErrors(fields);
      else setFailure(credentialMessage(t, error, "login"));
      setPassword("");
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthFrame title={t("login.title")} intro={t("login.intro")}>
      <form onSubmit={submit} noValidate aria-label={t("login.title")}>
        <Stack gap="md">
          {ended && !failure && (
            <Alert color="yellow" variant="light" role="status">
              {credentialMessage(t, ended, "ended")}
            </Alert>
          )}
          <TextInput
            label={t("login.username")}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            data-autofocus
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={fieldErrors.username}
          />
          <PasswordField
            label={t("login.password")}
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fieldErrors.password}
          />
          <Button type="submit" loading={busy} fullWidth mt={4}>
            {t("login.submit")}
          </Button>
          {/* Kept in the layout when empty so the card does not jump when a message appears. */}
          <div style={{ minHeight: 40 }}>
            {failure && (
              <Alert color="red" variant="light" p="xs">
                {failure}
              </Alert>
            )}
          </div>
        </Stack>
      </form>
    </AuthFrame>
  );
}
