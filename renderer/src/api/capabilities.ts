import { useApiQuery, type OpName } from "./queries";

/**
 * What the signed-in user may do, as the server derives it from the registry's roles
 * (`session.me`). Screens ask `can("privacy.erase")` instead of comparing role names, so a change
 * of roles in the registry changes the screens with it.
 */
export interface Can {
  (operation: OpName): boolean;
  /** The export right (by role or by an admin's grant). */
  export: boolean;
  /** False until `session.me` has answered once (a failed refetch keeps the last answer): hide, rather than offer and then refuse. */
  known: boolean;
}

export function useCan(): Can {
  const me = useApiQuery("session.me", {}, { staleTime: 60_000 });
  const allowed = new Set<OpName>(me.data?.capabilities.operations ?? []);
  return Object.assign((operation: OpName) => allowed.has(operation), {
    export: me.data?.capabilities.mayExport ?? false,
    known: me.data !== undefined,
  });
}
