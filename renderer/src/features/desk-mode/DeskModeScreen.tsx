import { Alert } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { AuthFrame } from "../../ui/AuthFrame";
import { DeskModeChooser } from "./DeskModeChooser";

/**
 * A desk's first start (no desk-mode.json yet): where its data is, before anything else — a local
 * database is only created once chosen, and a team desk never creates one.
 */
export function DeskModeScreen({ unreadable, onChosen }: { unreadable: boolean; onChosen: () => void }) {
  const { t } = useTranslation();
  return (
    <AuthFrame title={t("desk.firstStart.title")} intro={t("desk.firstStart.intro")} width={520}>
      {unreadable && (
        <Alert color="orange" variant="light" p="xs">
          {t("desk.firstStart.unreadable")}
        </Alert>
      )}
      <DeskModeChooser onChosen={onChosen} />
    </AuthFrame>
  );
}
