import { Tabs } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useParams } from "react-router";
import type { Role } from "../../api/types";
import { PageHeader } from "../../ui/PageHeader";
import { PrivacySettingsPanel } from "../privacy/manager/PrivacySettingsPanel";
import { ProductsPanel } from "../reports/ProductsPanel";
import { AuditLogPanel } from "./audit/AuditLogPanel";
import { BackupsPanel } from "./backups/BackupsPanel";
import { DiagnosticsPanel } from "./diagnostics/DiagnosticsPanel";
import { SettingsPanel } from "./settings/SettingsPanel";
import { UsersPanel } from "./users/UsersPanel";

type AdminTab = "users" | "settings" | "privacy" | "products" | "audit" | "backups" | "diagnostics";

/** Managers read the audit trail; accounts and settings are for administrators only. */
function tabsFor(role: Role): AdminTab[] {
  if (role === "admin") return ["users", "settings", "privacy", "products", "audit", "backups", "diagnostics"];
  if (role === "manager") return ["audit"];
  return [];
}

export function AdministrationScreen({ role }: { role: Role }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { tab } = useParams();
  const tabs = tabsFor(role);
  const current = tabs.find((candidate) => candidate === tab);
  if (!current) return <Navigate to={`/admin/${tabs[0] ?? ""}`} replace />;

  return (
    <>
      <PageHeader title={t("admin.title")} />
      <Tabs value={current} onChange={(value) => value && void navigate(`/admin/${value}`)}>
        <Tabs.List mb="md">
          {tabs.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {name === "products" ? t("reports.products.tab") : name === "privacy" ? t("privacyTools.settings.tab") : t(`admin.tabs.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="users">
          <UsersPanel />
        </Tabs.Panel>
        <Tabs.Panel value="settings">
          <SettingsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="privacy">{current === "privacy" && <PrivacySettingsPanel />}</Tabs.Panel>
        <Tabs.Panel value="products">
          <ProductsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="audit">
          <AuditLogPanel canListUsers={role === "admin"} />
        </Tabs.Panel>
        <Tabs.Panel value="backups">{current === "backups" && <BackupsPanel />}</Tabs.Panel>
        <Tabs.Panel value="diagnostics">{current === "diagnostics" && <DiagnosticsPanel />}</Tabs.Panel>
      </Tabs>
    </>
  );
}
