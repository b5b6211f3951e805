import { Alert, Loader, Tabs } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useParams } from "react-router";
import { PageHeader } from "../../../ui/PageHeader";
import { useCan } from "../../../api/capabilities";
import type { OpName } from "../../../api/queries";
import { DisclosuresPanel } from "./DisclosuresPanel";
import { MailingListsPanel } from "./MailingListsPanel";
import { RetentionPanel } from "./RetentionPanel";

/** Each tab with the operation its panel opens on: a tab shows to whoever may call it. */
const TABS = [
  { name: "lists", needs: "mailing.export" },
  { name: "disclosures", needs: "disclosures.list" },
  { name: "retention", needs: "retention.review" },
] as const satisfies readonly { name: string; needs: OpName }[];
type ToolTab = (typeof TABS)[number]["name"];

/**
 * /privacy/tools/<tab>: the managers' data-protection tools. Someone the registry does not let
 * call them is told so instead of being shown controls that would only fail.
 */
export function ManagerTools() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const can = useCan();
  const tab = useParams()["*"];
  const tabs = TABS.filter((candidate) => can(candidate.needs)).map((candidate) => candidate.name);
  const current = tabs.find((candidate) => candidate === tab);

  if (!can.known) return <Loader size="sm" m="xl" aria-label={t("common.loading")} />;
  if (tabs.length === 0)
    return (
      <>
        <PageHeader title={t("privacyTools.tools.title")} />
        <Alert color="gray" variant="light" maw={640}>
          {t("privacyTools.tools.managersOnly")}
        </Alert>
      </>
    );
  if (!current) return <Navigate to={`/privacy/tools/${tabs[0]}`} replace />;

  return (
    <>
      <PageHeader title={t("privacyTools.tools.title")} subtitle={t("privacyTools.tools.subtitle")} />
      <Tabs value={current} onChange={(value) => value && void navigate(`/privacy/tools/${value as ToolTab}`)}>
        <Tabs.List mb="md">
          {tabs.map((name) => (
            <Tabs.Tab key={name} value={name}>
              {t(`privacyTools.tools.tabs.${name}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="lists">
          <MailingListsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="disclosures">
          <DisclosuresPanel />
        </Tabs.Panel>
        <Tabs.Panel value="retention">
          <RetentionPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
