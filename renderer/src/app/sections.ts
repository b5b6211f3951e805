import type { ComponentType } from "react";
import type { Can } from "../api/capabilities";
import { DashboardIcon } from "../features/dashboard/DashboardIcon";
import { AdminIcon, ExportIcon, PrivacyIcon, ReportIcon, SearchIcon, TrainingIcon, type IconProps } from "../ui/icons";
import { mayAdminister } from "./adminTabNeeds";

export interface Section {
  key: "lookup" | "reports" | "training" | "privacy" | "exports" | "admin" | "dashboard";
  path: string;
  icon: ComponentType<IconProps>;
  /** Shown when the user may call what its screen opens on (the registry's roles, via session.me). */
  visible(can: Can): boolean;
}

/** The navigation rail, top to bottom; Alt+1… follows this order. */
export const SECTIONS: readonly Section[] = [
  { key: "lookup", path: "/", icon: SearchIcon, visible: (can) => can("people.search") },
  { key: "reports", path: "/reports", icon: ReportIcon, visible: (can) => can("reports.list") },
  { key: "training", path: "/training", icon: TrainingIcon, visible: (can) => can("training.list") },
  { key: "privacy", path: "/privacy", icon: PrivacyIcon, visible: (can) => can("privacy.requests.list") },
  // The export right: managers' and administrators' by role, others' by an administrator's grant.
  { key: "exports", path: "/exports", icon: ExportIcon, visible: (can) => can.export },
  // Managers reach the audit log here; administrators also accounts and settings.
  { key: "admin", path: "/admin", icon: AdminIcon, visible: mayAdminister },
  // Last, so the Alt+number of every other section stays what agents and managers already know.
  { key: "dashboard", path: "/dashboard", icon: DashboardIcon, visible: (can) => can("dashboard.summary") },
];

export function sectionsFor(can: Can): Section[] {
  return SECTIONS.filter((section) => section.visible(can));
}
