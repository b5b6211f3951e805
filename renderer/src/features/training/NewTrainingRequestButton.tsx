import { Button, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useCan } from "../../api/capabilities";
import { PlusIcon } from "../../ui/icons";
import { newRequestPath } from "./TrainingShortcut";

/**
 * "New training request" for the person whose card is open: the form with them already chosen, as
 * Alt+T does from the card. The shell puts it in the card's training section.
 */
export function NewTrainingRequestButton({ personId }: { personId: number }) {
  const { t } = useTranslation();
  const can = useCan();
  if (!can("training.create")) return null;
  // Short on the button (the section's title says the rest), whole in its name and tooltip.
  const label = t("training.form.title");
  return (
    <Tooltip label={`${label} (Alt+T)`}>
      <Button
        component={Link}
        to={newRequestPath(String(personId))}
        size="compact-sm"
        variant="subtle"
        leftSection={<PlusIcon size={14} />}
        aria-label={label}
        aria-keyshortcuts="Alt+T"
      >
        {t("training.newRequest")}
      </Button>
    </Tooltip>
  );
}
