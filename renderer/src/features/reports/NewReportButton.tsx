import { useTranslation } from "react-i18next";
import { useCan } from "../../api/capabilities";
import { NewForPersonButton } from "../../ui/NewForPersonButton";
import { newReportPath } from "./NewReportShortcut";

/**
 * "New error report" for the person whose card is open. The shell puts it in the card's reports
 * section (features do not import each other).
 */
export function NewReportButton({ personId }: { personId: number }) {
  const { t } = useTranslation();
  const can = useCan();
  if (!can("reports.create")) return null;
  return <NewForPersonButton to={newReportPath(String(personId))} label={t("reports.new.title")} short={t("reports.new.button")} shortcut="newReport" />;
}
