import { Badge, Button, Group, Text, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { LookupBox } from "../features/lookup/LookupBox";
import { useSignedIn } from "../api/session";
import { LanguageSwitch } from "../i18n/LanguageSwitch";
import { BrandMark } from "../ui/BrandMark";
import { LockIcon, LogoutIcon } from "../ui/icons";
import { UserText } from "../ui/UserText";

export function TopBar() {
  const { t } = useTranslation();
  const { state, lock, logout, setLanguage } = useSignedIn();
  const { user } = state;
  return (
    <Group h="100%" px="md" gap="lg" wrap="nowrap">
      <div style={{ width: 200, flex: "none" }}>
        <BrandMark />
      </div>
      <LookupBox />
      {/* Takes the slack, so the lookup box keeps its place whatever the width of the right side. */}
      <div style={{ flex: "1 1 0" }} />
      <Group gap="sm" wrap="nowrap" style={{ flex: "none" }}>
        <LanguageSwitch onChange={setLanguage} />
        <div style={{ lineHeight: 1.2, textAlign: "right", maxWidth: 180 }} aria-label={t("shell.signedInAs", { name: user.displayName })}>
          <Text fz="sm" fw={600} truncate="end">
            <UserText>{user.displayName}</UserText>
          </Text>
          <Badge size="xs" variant="light" color="gray" radius="sm">
            {t(`roles.${user.role}`)}
          </Badge>
        </div>
        <Tooltip label={t("shell.lockShortcut")}>
          <Button variant="default" leftSection={<LockIcon size={16} />} onClick={lock} aria-keyshortcuts="Control+L">
            {t("shell.lock")}
          </Button>
        </Tooltip>
        <Button variant="subtle" color="gray" leftSection={<LogoutIcon size={16} />} onClick={() => void logout()}>
          {t("shell.logout")}
        </Button>
      </Group>
    </Group>
  );
}
