import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { SessionStatus, TrainingStatus } from "../../../../../common/enums";

// A badge clips its label to fit; in an auto-sized table cell that squeezes it to "Pré…".
const NEVER_CLIPPED = { root: { overflow: "visible" }, label: { overflow: "visible" } } as const;

const REQUEST_COLORS: Record<TrainingStatus, string> = {
  requested: "blue",
  contacted: "cyan",
  scheduled: "violet",
  confirmed: "teal",
  completed: "gray",
  cancelled: "red",
};

const SESSION_COLORS: Record<SessionStatus, string> = { planned: "blue", confirmed: "teal", cancelled: "red", held: "gray" };

export function RequestStatusBadge({ status }: { status: TrainingStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={REQUEST_COLORS[status]} size="sm" styles={NEVER_CLIPPED}>
      {t(`training.status.${status}`)}
    </Badge>
  );
}

export function SessionStatusBadge({ status }: { status: SessionStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={SESSION_COLORS[status]} size="sm" styles={NEVER_CLIPPED}>
      {t(`training.sessionStatus.${status}`)}
    </Badge>
  );
}
