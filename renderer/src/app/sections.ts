import type { ComponentType } from "react";
import type { Role } from "../api/types";
import { DashboardIcon } from "../features/dashboard/DashboardIcon";
import { AdminIcon, ExportIcon, PrivacyIcon, ReportIcon, SearchIcon, TrainingIcon, type IconProps } from "../ui/icons";

export interface Section {
  key: "lookup" | "reports" | "training" | "privacy" | "exports" | "admin" | "dashboard";
  path: string;
  icon: ComponentType<IconProps>;
  /** Who sees the entry at all; the API refuses the rest anyway. */
  roles: readonly Role[];
}

const everyone: readonly Role[] = ["agent", "support", "manager", "admin"];

/** The navigation rail, top to bottom; Alt+1… follows this order. */
export const SECTIONS: readonly Section[] = [
  { key: "lookup", path: "/", icon: SearchIcon, roles: everyone },
  { key: "reports", path: "/reports", icon: ReportIcon, roles: everyone },
  { key: "training", path: "/training", icon: TrainingIcon, roles: everyone },
  { key: "privacy", path: "/privacy", icon: PrivacyIcon, roles: everyone },
  // Users an administrator granted the export right reach /exports too; the rail shows it to managers.
  { key: "exports", path: "/exports", icon: ExportIcon, roles: ["manager", "admin"] },
  // Managers reach the audit log here; only administrators see accounts and settings.
  { key: "admin", path: "/admin", icon: AdminIcon, roles: ["manager", "admin"] },
  // Last, so the Alt+number of every other section stays what agents and managers already know.
  { key: "dashboard", path: "/dashboard", icon: DashboardIcon, roles: ["manager", "admin"] },
];

/** `mayExport`: an administrator granted this user the export right (setting exports.grantedUserIds). */
export function sectionsFor(role: Role, mayExport = false): Section[] {
  return SECTIONS.filter((section) => section.roles.includes(role) || (section.key === "exports" && mayExport));
}
