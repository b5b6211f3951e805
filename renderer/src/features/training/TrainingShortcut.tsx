import { usePersonShortcut } from "../../ui/usePersonShortcut";

/** Where Alt+T leads: a new request for the person whose card is open, else the person picker. */
export function newRequestPath(personId: string | undefined): string {
  return personId ? `/training/new?personId=${personId}` : "/training/new";
}

/**
 * Alt+T from any screen: a new training request (not Ctrl+T, which a browser keeps for a new tab).
 */
export function TrainingShortcut() {
  usePersonShortcut("newTraining", newRequestPath);
  return null;
}
