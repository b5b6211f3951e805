import { Button, Kbd, Tabs } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, Route, Routes, useLocation, useNavigate } from "react-router";
import { useCan } from "../../api/capabilities";
import { PlusIcon } from "../../ui/icons";
import { PageHeader } from "../../ui/PageHeader";
import { CallbacksToday } from "./CallbacksToday";
import { NewReportScreen } from "./NewReportScreen";
import { ReportDetailScreen } from "./ReportDetailScreen";
import { ReportQueue } from "./ReportQueue";
import type { Report } from "./reportTypes";
import { ariaKeysOf } from "../../../../common/shortcuts";

/** The reports screens: the queue (/reports), today's call-backs, taking a report, one report. */
export function ReportsRoutes({ reportAside }: { reportAside?: (report: Report) => ReactNode }) {
  const can = useCan();
  const location = useLocation();
  const callbacks = can("reports.callbacksDue");
  return (
    <Routes>
      <Route index element={<ReportsHome tab="queue" callbacks={callbacks} />} />
      {/* Until the server has said what the user may do, neither the list nor a redirect. */}
      <Route path="callbacks" element={!can.known ? null : callbacks ? <ReportsHome tab="callbacks" callbacks /> : <Navigate to="/reports" replace />} />
      {/* A new location (Alt+R again, another person) is a fresh form. */}
      <Route path="new" element={<NewReportScreen key={location.key} />} />
      <Route path=":id" element={<ReportDetailScreen aside={reportAside} />} />
    </Routes>
  );
}

type HomeTab = "queue" | "callbacks";

function ReportsHome({ tab, callbacks }: { tab: HomeTab; callbacks: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const newReport = (
    <Button component={Link} to="/reports/new" leftSection={<PlusIcon size={16} />} rightSection={<Kbd size="xs">{ariaKeysOf("newReport")}</Kbd>} aria-keyshortcuts={ariaKeysOf("newReport")}>
      {t("reports.new.button")}
    </Button>
  );

  if (!callbacks) {
    return (
      <>
        <PageHeader title={t("nav.reports")} actions={newReport} />
        <ReportQueue />
      </>
    );
  }
  return (
    <>
      <PageHeader title={t("nav.reports")} actions={newReport} />
      <Tabs value={tab} onChange={(value) => value && void navigate(value === "callbacks" ? "/reports/callbacks" : "/reports")}>
        <Tabs.List mb="md">
          <Tabs.Tab value="queue">{t("reports.tabs.queue")}</Tabs.Tab>
          <Tabs.Tab value="callbacks">{t("reports.tabs.callbacks")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="queue">
          <ReportQueue />
        </Tabs.Panel>
        <Tabs.Panel value="callbacks">
          <CallbacksToday />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
