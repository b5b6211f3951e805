import { Alert, Tabs } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useParams } from "react-router";
import { PageHeader } from "../../../ui/PageHeader";
import { useSignedIn } from "../../../api/session";
import { DisclosuresPanel } from "./DisclosuresPanel";
import { MailingListsPanel } from "./MailingListsPanel";
import { RetentionPanel } from "./RetentionPanel";

const TABS = ["lists", "disclosures", "retention"] as const;
type ToolTab = (typeof TABS)[number];

/**
 * /privacy/tools/<tab>: the managers' data-protection tools. The API refuses everyone else
 * (mailing lists, disclosures and retention are managers' operations), so the screen says so
 * instead of showing controls that would only fail.
 */
export function ManagerTools() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { state } = useSignedIn();
  const tab = useParams()["*"];
  const current = TABS.find((candidate) => candidate === tab);

  if (state.user.role !== "manager")
    return (
      <>
        <PageHeader title={t("privacyTools.tools.title")} />
        <Alert color="gray" variant="light" maw={640}>
          {t("privacyTools.tools.managersOnly")}
        </Alert>
      </>
    );
  if (!current) return <Navigate to="/privacy/tools/lists" replace />;

  return (
    <>
      <PageHeader title={t("privacyTools.tools.title")} subtitle={t("privacyTools.tools.subtitle")} />
      <Tabs value={current} onChange={(value) => value && void navigate(`/privacy/tools/${value as ToolTab}`)}>
        <Tabs.List mb="md">
          {TABS.map((name) => (
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
