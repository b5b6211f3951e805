import { usePersonShortcut } from "../../ui/usePersonShortcut";

/** Where Ctrl+T leads: a new request for the person whose card is open, else the person picker. */
export function newRequestPath(personId: string | undefined): string {
  return personId ? `/training/new?personId=${personId}` : "/training/new";
}

/**
 * Ctrl+T from any screen: a new training request. In the desktop app the capture-phase listener
 * wins over "new tab"; a plain browser keeps Ctrl+T for itself.
 */
export function TrainingShortcut() {
  usePersonShortcut("t", newRequestPath);
  return null;
}
