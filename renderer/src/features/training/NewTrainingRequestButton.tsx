import { Button, Kbd } from "@mantine/core";
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
  return (
    <Button
      component={Link}
      to={newRequestPath(String(personId))}
      size="compact-sm"
      variant="subtle"
      leftSection={<PlusIcon size={14} />}
      rightSection={<Kbd size="xs">Alt+T</Kbd>}
      aria-keyshortcuts="Alt+T"
    >
      {t("training.form.title")}
    </Button>
  );
}
