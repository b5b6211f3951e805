import { Loader, Tabs } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useParams } from "react-router";
import { useCan } from "../../api/capabilities";
import type { OpName } from "../../api/queries";
import { PageHeader } from "../../ui/PageHeader";

/** One tab of the administration screen: its address, its label, the operation it opens on, its panel. */
export interface AdminTab {
  key: string;
  label: string;
  /** The tab shows to whoever may call this operation (the registry's roles decide). */
  needs: OpName;
  panel: ReactNode;
}

/**
 * /admin/<tab>: accounts, settings, the audit trail, backups… each tab shown to whoever may call
 * what it needs (managers see the audit log; administrators see everything). The shell gives the
 * tabs, so panels of other features (privacy settings, products) sit here without this feature
 * importing them.
 */
export function AdministrationScreen({ tabs }: { tabs: readonly AdminTab[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const { tab } = useParams();
  if (!can.known) return <Loader size="sm" m="xl" aria-label={t("common.loading")} />;
  const allowed = tabs.filter((candidate) => can(candidate.needs));
  const current = allowed.find((candidate) => candidate.key === tab);
  if (!current) return allowed[0] ? <Navigate to={`/admin/${allowed[0].key}`} replace /> : <Navigate to="/" replace />;

  return (
    <>
      <PageHeader title={t("admin.title")} />
      <Tabs value={current.key} onChange={(value) => value && void navigate(`/admin/${value}`)}>
        <Tabs.List mb="md">
          {allowed.map((candidate) => (
            <Tabs.Tab key={candidate.key} value={candidate.key}>
              {candidate.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {/* Only the open tab's panel is mounted: a panel reads its data when it is looked at. */}
        <Tabs.Panel value={current.key}>{current.panel}</Tabs.Panel>
      </Tabs>
    </>
  );
}
