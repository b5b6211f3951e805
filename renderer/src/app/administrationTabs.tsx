import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { OpName } from "../api/queries";
import type { AdminTab } from "../features/admin/AdministrationScreen";
import { AuditLogPanel } from "../features/admin/audit/AuditLogPanel";
import { BackupsPanel } from "../features/admin/backups/BackupsPanel";
import { DiagnosticsPanel } from "../features/admin/diagnostics/DiagnosticsPanel";
import { DeskConnectionPanel } from "../features/desk-mode/DeskConnectionPanel";
import { SettingsPanel } from "../features/admin/settings/SettingsPanel";
import { UsersPanel } from "../features/admin/users/UsersPanel";
import { ExportGrantsControl } from "../features/exports/ExportGrantsControl";
import { PrivacySettingsPanel } from "../features/privacy/manager/PrivacySettingsPanel";
import { ProductsPanel } from "../features/reports/ProductsPanel";
import { ADMIN_TAB_NEEDS as NEEDS } from "./adminTabNeeds";

/**
 * The administration screen's tabs, in order, composed here because they come from several
 * features: accounts (with the exports feature's grants under them), settings, the privacy
 * feature's settings, the reports feature's products, the audit log, backups, diagnostics, this
 * desk's connection (local database or team server). Each
 * shows to whoever may call the operation it needs.
 */
const TABS = [
  {
    key: "users",
    label: "admin.tabs.users",
    needs: NEEDS.users,
    panel: () => (
      <UsersPanel>
        <ExportGrantsControl />
      </UsersPanel>
    ),
  },
  { key: "settings", label: "admin.tabs.settings", needs: NEEDS.settings, panel: () => <SettingsPanel /> },
  { key: "privacy", label: "privacyTools.settings.tab", needs: NEEDS.privacy, panel: () => <PrivacySettingsPanel /> },
  { key: "products", label: "reports.products.tab", needs: NEEDS.products, panel: () => <ProductsPanel /> },
  { key: "audit", label: "admin.tabs.audit", needs: NEEDS.audit, panel: () => <AuditLogPanel /> },
  { key: "backups", label: "admin.tabs.backups", needs: NEEDS.backups, panel: () => <BackupsPanel /> },
  { key: "diagnostics", label: "admin.tabs.diagnostics", needs: NEEDS.diagnostics, panel: () => <DiagnosticsPanel /> },
  { key: "desk", label: "desk.tab", needs: NEEDS.desk, panel: () => <DeskConnectionPanel /> },
] as const satisfies readonly { key: string; label: string; needs: OpName; panel(): ReactNode }[];

export function useAdministrationTabs(): AdminTab[] {
  const { t } = useTranslation();
  return TABS.map((tab) => ({ key: tab.key, label: t(tab.label), needs: tab.needs, panel: tab.panel() }));
}
