import { Navigate, Route, Routes } from "react-router";
import type { Role } from "../api/types";
import { AdministrationScreen } from "../features/admin/AdministrationScreen";
import { CallRoute } from "../features/lookup/CallRoute";
import { DashboardScreen } from "../features/dashboard/DashboardScreen";
import { ManagerLanding } from "../features/dashboard/ManagerLanding";
import { ExportScreen } from "../features/exports/ExportScreen";
import { LookupScreen } from "../features/lookup/LookupScreen";
import { PeopleRoutes } from "../features/people/PeopleRoutes";
import type { PersonCardSlots } from "../features/people/PersonCardScreen";
import { NewPrivacyRequestButton, PersonPrivacyRequests } from "../features/privacy/PersonPrivacyRequests";
import { ContactPreferencesSection } from "../features/privacy/preferences/ContactPreferencesSection";
import { PrivacyRoutes } from "../features/privacy/PrivacyRoutes";
import { ReportsRoutes } from "../features/reports/ReportsRoutes";
import { TrainingRoutes } from "../features/training/TrainingRoutes";
import { ScreenBoundary } from "./ScreenBoundary";

/** The person card's parts that belong to privacy: the request button, preferences, requests. */
const personCard: PersonCardSlots = {
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
 */
export function AppRoutes({ role }: { role: Role }) {
  const mayAdminister = role === "admin" || role === "manager";
  return (
    <Routes>
      {/* Managers start on the overview (issue 8); everyone else, administrators included, on the lookup. */}
      <Route index element={<ScreenBoundary>{role === "manager" ? <ManagerLanding /> : <LookupScreen />}</ScreenBoundary>} />
      <Route path="/people/*" element={<ScreenBoundary><PeopleRoutes personCard={personCard} /></ScreenBoundary>} />
      <Route path="/companies/*" element={<ScreenBoundary><PeopleRoutes /></ScreenBoundary>} />
      <Route path="/reports/*" element={<ScreenBoundary><ReportsRoutes /></ScreenBoundary>} />
      <Route path="/training/*" element={<ScreenBoundary><TrainingRoutes /></ScreenBoundary>} />
      {/* The phone system's incoming call (jetinfo-crm://, --call, or this address in a browser). */}
      <Route path="/call" element={<ScreenBoundary><CallRoute /></ScreenBoundary>} />
      <Route path="/privacy/*" element={<ScreenBoundary><PrivacyRoutes /></ScreenBoundary>} />
      {mayAdminister && <Route path="/admin/:tab?" element={<ScreenBoundary><AdministrationScreen role={role} /></ScreenBoundary>} />}
      {/* Open to every role: the screen itself says when the user was not granted the export right. */}
      <Route path="/exports" element={<ScreenBoundary><ExportScreen /></ScreenBoundary>} />
      {mayAdminister && <Route path="/dashboard" element={<ScreenBoundary><DashboardScreen /></ScreenBoundary>} />}
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
