import { useTranslation } from "react-i18next";
import { useCan } from "../../api/capabilities";
import { NewForPersonButton } from "../../ui/NewForPersonButton";
import { newRequestPath } from "./TrainingShortcut";

/**
 * "New training request" for the person whose card is open. The shell puts it in the card's
 * training section (features do not import each other).
 */
export function NewTrainingRequestButton({ personId }: { personId: number }) {
  const { t } = useTranslation();
  const can = useCan();
  if (!can("training.create")) return null;
  return <NewForPersonButton to={newRequestPath(String(personId))} label={t("training.form.title")} short={t("training.newRequest")} shortcut="newTraining" />;
}
