import { Button, Stack, TextInput } from "@mantine/core";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useApiMutation } from "../../api/queries";
import { fieldErrorOf, type FieldErrors } from "../../api/fieldErrors";
import { PasswordField } from "../../ui/PasswordField";
import { notifyError } from "../../ui/toasts";
import { currentLanguage } from "../../i18n/i18n";
import { AuthFrame } from "../../ui/AuthFrame";
import { useSession } from "../../api/session";

/** First start: the one screen that exists while the database has no account. */
export function SetupScreen() {
  const { t } = useTranslation();
  const { enter, retry } = useSession();
  const [form, setForm] = useState({ username: "", displayName: "", password: "", confirm: "" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  // The session's start empties the cache itself (enter): nothing to invalidate here.
  const createAdmin = useApiMutation("setup.createAdmin", { keepCache: true });
  const set = (key: keyof typeof form) => (e: { currentTarget: HTMLInputElement }) => setForm({ ...form, [key]: e.currentTarget.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors = {};
    for (const key of ["username", "displayName", "password"] as const) if (!form[key].trim()) found[key] = t("errors.required");
    if (!found.password && form.confirm !== form.password) found.confirm = t("setup.mismatch");
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const { username, displayName, password } = form;
      enter(await createAdmin.mutateAsync({ username, displayName, password, language: currentLanguage() }));
    } catch (error) {
      const fields = fieldErrorOf(error);
      if (fields) setErrors(fields);
      else {
        notifyError(error);
        // Someone else finished the setup meanwhile: go on to the login screen.
        retry();
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <AuthFrame title={t("setup.title")} intro={t("setup.intro")} width={460}>
      <form onSubmit={submit} noValidate aria-label={t("setup.title")}>
        <Stack gap="md">
          <TextInput
            label={t("setup.username")}
            description={t("setup.usernameHint")}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            autoFocus
            withAsterisk
            value={form.username}
            onChange={set("username")}
            error={errors.username}
          />
          <TextInput
            label={t("setup.displayName")}
            description={t("setup.displayNameHint")}
            autoComplete="name"
            withAsterisk
            value={form.displayName}
            onChange={set("displayName")}
            error={errors.displayName}
          />
          <PasswordField
            label={t("setup.password")}
            description={t("setup.passwordHint")}
            autoComplete="new-password"
            withAsterisk
            value={form.password}
            onChange={set("password")}
            error={errors.password}
          />
          <PasswordField
            label={t("setup.confirm")}
            autoComplete="new-password"
            withAsterisk
            value={form.confirm}
            onChange={set("confirm")}
            error={errors.confirm}
          />
          <Button type="submit" loading={busy} fullWidth mt={4}>
            {t("setup.submit")}
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
