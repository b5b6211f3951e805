import { usePersonShortcut } from "../../ui/usePersonShortcut";
import { useLookup } from "./LookupContext";
import { newPersonPath } from "./newPersonPath";

/**
 * Alt+P from every screen: the new-person form, with the number or email in the lookup box
 * already filled in (the caller the agent just failed to find). Not Ctrl+N: a browser keeps it.
 */
export function NewPersonShortcut() {
  const { query } = useLookup();
  usePersonShortcut("newPerson", () => newPersonPath(query.trim()));
  return null;
}
