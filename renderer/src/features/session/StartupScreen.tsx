import { Alert, Button, Center, Loader, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { AuthFrame } from "../../ui/AuthFrame";
import { useSession } from "../../api/session";

export function StartingScreen() {
  const { t } = useTranslation();
  return (
    <Center h="100%">
      <Loader size="sm" aria-label={t("common.loading")} />
    </Center>
  );
}

/** The server cannot be reached or refused the launch token: say which, and how to get out. */
export function UnreachableScreen({ reason, message }: { reason: string | undefined; message: string }) {
  const { t } = useTranslation();
  const { retry } = useSession();
  const tokenProblem = reason === "launch_token";
  return (
    <AuthFrame title={t(tokenProblem ? "startup.tokenTitle" : "startup.unreachableTitle")}>
      <Stack gap="md">
        <Text fz="sm">{t(tokenProblem ? "startup.tokenText" : "startup.unreachableText")}</Text>
        <Alert color="gray" variant="light" p="xs">
          <Text ff="monospace" fz="xs">
            {message}
          </Text>
        </Alert>
        <Button onClick={retry} variant="default">
          {t("common.retry")}
        </Button>
      </Stack>
    </AuthFrame>
  );
}
