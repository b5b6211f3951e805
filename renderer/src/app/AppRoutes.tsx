import { Loader } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Navigate, Route, Routes } from "react-router";
import { useCan } from "../api/capabilities";
import { useSignedIn } from "../api/session";
import { AdministrationScreen } from "../features/admin/AdministrationScreen";
import { DashboardScreen } from "../features/dashboard/DashboardScreen";
import { ManagerLanding } from "../features/dashboard/ManagerLanding";
import { ExportScreen } from "../features/exports/ExportScreen";
import { CallRoute } from "../features/lookup/CallRoute";
import { LookupScreen } from "../features/lookup/LookupScreen";
import type { PersonCardSlots } from "../features/people/PersonCardScreen";
import { PeopleRoutes } from "../features/people/PeopleRoutes";
import { NewPrivacyRequestButton, PersonPrivacyRequests } from "../features/privacy/PersonPrivacyRequests";
import { ContactPreferencesSection } from "../features/privacy/preferences/ContactPreferencesSection";
import { PrivacyRoutes } from "../features/privacy/PrivacyRoutes";
import { NewReportButton } from "../features/reports/NewReportButton";
import { ReportsRoutes } from "../features/reports/ReportsRoutes";
import { NewTrainingRequestButton } from "../features/training/NewTrainingRequestButton";
import { TrainingRoutes } from "../features/training/TrainingRoutes";
import { mayAdminister } from "./adminTabNeeds";
import { useAdministrationTabs } from "./administrationTabs";
import { startsOnOverview } from "./landing";
import { reportPrivacyAside } from "./reportAside";
import { ScreenBoundary } from "./ScreenBoundary";

/**
 * The person card's parts that belong to other features: privacy's request button, preferences and
 * requests; a new error report and a new training request for this person.
 */
const personCard: PersonCardSlots = {
  newReport: (person) => <NewReportButton personId={person.id} />,
  newTraining: (person) => <NewTrainingRequestButton personId={person.id} />,
  actions: (person) => <NewPrivacyRequestButton personId={person.id} name={person.name} />,
  sections: (person) => (
    <>
      <ContactPreferencesSection personId={person.id} name={person.name} />
      <PersonPrivacyRequests personId={person.id} />
    </>
  ),
};

/**
 * Each feature owns its sub-routes: /people/… and /companies/…, /reports/…, /training/…. Each
 * screen sits in its own ScreenBoundary: one that throws shows a calm message, the rest stays usable.
 * Screens that belong to some users only are routed for those who may call what they need.
 */
export function AppRoutes() {
  const { t } = useTranslation();
  const { state } = useSignedIn();
  const can = useCan();
  const adminTabs = useAdministrationTabs();
  // Until session.me has answered the routes are not known: a deep link must not be sent home.
  if (!can.known) return <Loader size="sm" m="xl" aria-label={t("common.loading")} />;

  return (
    <Routes>
      <Route
        index
        element={<ScreenBoundary>{startsOnOverview(state.user.role, can) ? <ManagerLanding lookup={<LookupScreen />} /> : <LookupScreen />}</ScreenBoundary>}
      />
      <Route path="/people/*" element={<ScreenBoundary><PeopleRoutes personCard={personCard} /></ScreenBoundary>} />
      <Route path="/companies/*" element={<ScreenBoundary><PeopleRoutes personCard={personCard} /></ScreenBoundary>} />
      <Route path="/reports/*" element={<ScreenBoundary><ReportsRoutes reportAside={reportPrivacyAside} /></ScreenBoundary>} />
      <Route path="/training/*" element={<ScreenBoundary><TrainingRoutes /></ScreenBoundary>} />
      {/* The phone system's incoming call (jetinfo-crm://, --call, or this address in a browser). */}
      <Route path="/call" element={<ScreenBoundary><CallRoute /></ScreenBoundary>} />
      <Route path="/privacy/*" element={<ScreenBoundary><PrivacyRoutes /></ScreenBoundary>} />
      {mayAdminister(can) && <Route path="/admin/:tab?" element={<ScreenBoundary><AdministrationScreen tabs={adminTabs} /></ScreenBoundary>} />}
      {/* Open to every role: the screen itself says when the user was not granted the export right. */}
      <Route path="/exports" element={<ScreenBoundary><ExportScreen /></ScreenBoundary>} />
      {can("dashboard.summary") && <Route path="/dashboard" element={<ScreenBoundary><DashboardScreen /></ScreenBoundary>} />}
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
