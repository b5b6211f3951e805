import { Navigate, Route, Routes } from "react-router";
import type { Role } from "../api/types";
import { AdministrationScreen } from "../features/admin/AdministrationScreen";
import { CallRoute } from "../features/call/CallRoute";
import { DashboardScreen } from "../features/dashboard/DashboardScreen";
import { ManagerLanding } from "../features/dashboard/ManagerLanding";
import { ExportScreen } from "../features/exports/ExportScreen";
import { LookupScreen } from "../features/lookup/LookupScreen";
import { PeopleRoutes } from "../features/people/PeopleRoutes";
import { PrivacyRoutes } from "../features/privacy/PrivacyRoutes";
import { ReportsRoutes } from "../features/reports/ReportsRoutes";
import { TrainingRoutes } from "../features/training/TrainingRoutes";

/** Each feature owns its sub-routes: /people/… and /companies/…, /reports/…, /training/…. */
export function AppRoutes({ role }: { role: Role }) {
  const mayAdminister = role === "admin" || role === "manager";
  return (
    <Routes>
      {/* Managers start on the overview (issue 8); everyone else, administrators included, on the lookup. */}
      <Route index element={role === "manager" ? <ManagerLanding /> : <LookupScreen />} />
      <Route path="/people/*" element={<PeopleRoutes />} />
      <Route path="/companies/*" element={<PeopleRoutes />} />
      <Route path="/reports/*" element={<ReportsRoutes />} />
      <Route path="/training/*" element={<TrainingRoutes />} />
      {/* The phone system's incoming call (jetinfo-crm://, --call, or this address in a browser). */}
      <Route path="/call" element={<CallRoute />} />
      <Route path="/privacy/*" element={<PrivacyRoutes />} />
      {mayAdminister && <Route path="/admin/:tab?" element={<AdministrationScreen role={role} />} />}
      {/* Open to every role: the screen itself says when the user was not granted the export right. */}
      <Route path="/exports" element={<ExportScreen />} />
      {mayAdminister && <Route path="/dashboard" element={<DashboardScreen />} />}
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
