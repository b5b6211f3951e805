import type { Role } from "./enums";
import type { Capabilities } from "./contract/account";
import { pageContract, type PageOperationName } from "./contract/page";

/** What an operation's declaration says about who may call it. */
interface Guarded {
  roles: readonly Role[] | "public";
}

/**
 * The operations a role may call, read from their declarations: a `public` one (setup, login)
 * needs no session, so it is nobody's capability.
 */
export function operationsFor<N extends string>(role: Role, declared: Record<N, Guarded>): N[] {
  return (Object.keys(declared) as N[]).filter((name) => {
    const roles = declared[name].roles;
    return roles !== "public" && roles.includes(role);
  });
}

/**
 * What the signed-in user may do, from the contract's roles: the screens show a button only when
 * the operation behind it would be allowed. The export right also depends on a setting (an
 * administrator's grant) and on which record sets the role may read, which the server knows:
 * it is passed in.
 */
export function capabilitiesOf(user: { role: Role }, rights: { mayExport: boolean }): Capabilities {
  // The desk shell's own operations too: the administration screen offers the desk's connection to
  // whoever the shell will let change it.
  return { operations: operationsFor<PageOperationName>(user.role, pageContract), mayExport: rights.mayExport };
}
