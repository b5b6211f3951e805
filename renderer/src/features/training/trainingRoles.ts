import type { Role } from "../../api/types";

/** The same role lists as electron/api/operations/training.ts, so the screens offer only what the API allows. */
export const mayEditCatalogue = (role: Role) => role === "manager" || role === "admin";
export const mayAssignSessions = (role: Role) => role === "support" || role === "manager" || role === "admin";
export const mayReadInteractions = (role: Role) => role === "manager" || role === "admin";
