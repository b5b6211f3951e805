import { Button, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCan } from "../../api/capabilities";
import { PlusIcon } from "../../ui/icons";
import { newReportPath } from "./NewReportShortcut";

/**
 * "New error report" for the person whose card is open: the form with them already chosen, as
 * Alt+R does from the card. The shell puts it in the card's reports section (features do not
 * import each other).
 */
export function NewReportButton({ personId }: { personId: number }) {
  const { t } = useTranslation();
  const can = useCan();
  if (!can("reports.create")) return null;
  // Short on the button (the section's title says the rest), whole in its name and tooltip.
  const label = t("reports.new.title");
  return (
    <Tooltip label={`${label} (Alt+R)`}>
      <Button
        component={Link}
        to={newReportPath(String(personId))}
        size="compact-sm"
        variant="subtle"
        leftSection={<PlusIcon size={14} />}
        aria-label={label}
        aria-keyshortcuts="Alt+R"
      >
        {t("reports.new.button")}
      </Button>
    </Tooltip>
  );
}
