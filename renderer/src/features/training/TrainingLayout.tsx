import { Button, Kbd, Tabs } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Outlet, useLocation, useNavigate } from "react-router";
import { PlusIcon } from "../../ui/icons";
import { PageHeader } from "../../ui/PageHeader";
import { useCan } from "../../api/capabilities";
import { ariaKeysOf } from "../../../../common/shortcuts";

type TrainingTab = "requests" | "courses" | "information" | "comment";

const TAB_PATHS: Record<TrainingTab, string> = {
  requests: "/training",
  courses: "/training/courses",
  information: "/training/interactions/information",
  comment: "/training/interactions/comment",
};

/** Which tab a training address belongs to: a request under Requests, a session under the catalogue. */
function tabOf(pathname: string): TrainingTab {
  if (pathname.startsWith("/training/courses") || pathname.startsWith("/training/sessions")) return "courses";
  if (pathname.startsWith("/training/interactions/comment")) return "comment";
  if (pathname.startsWith("/training/interactions/information")) return "information";
  return "requests";
}

/** Title, the "new request" action and the tabs, above every training screen. */
export function TrainingLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const can = useCan();
  const tabs: TrainingTab[] = can("interactions.listByPurpose") ? ["requests", "courses", "information", "comment"] : ["requests", "courses"];
  const current = tabOf(pathname);

  return (
    <>
      <PageHeader
        title={t("training.title")}
        actions={
          <Button
            leftSection={<PlusIcon size={16} />}
            rightSection={
              <Kbd size="xs" c="inherit" bg="transparent" bd="1px solid rgba(255,255,255,0.5)" aria-hidden>
                {ariaKeysOf("newTraining")}
              </Kbd>
            }
            aria-keyshortcuts={ariaKeysOf("newTraining")}
            onClick={() => void navigate("/training/new")}
          >
            {t("training.newRequest")}
          </Button>
        }
      />
      <Tabs value={current} onChange={(value) => value && void navigate(TAB_PATHS[value as TrainingTab])}>
        <Tabs.List mb="md">
          {tabs.map((tab) => (
            <Tabs.Tab key={tab} value={tab}>
              {t(`training.tabs.${tab}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {/* One panel, the current tab's: the screen under it comes from the route. */}
        <Tabs.Panel value={current}>
          <Outlet />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
