import { usePersonShortcut } from "../../ui/usePersonShortcut";
import { useLookup } from "./LookupContext";
import { newPersonPath } from "./newPersonPath";

/**
 * Ctrl+N from every screen: the new-person form, with the number or email in the lookup box
 * already filled in (the caller the agent just failed to find). A plain browser keeps Ctrl+N for
 * a new window; the desktop app gets it.
 */
export function NewPersonShortcut() {
  const { query } = useLookup();
  usePersonShortcut("n", () => newPersonPath(query.trim()));
  return null;
}
