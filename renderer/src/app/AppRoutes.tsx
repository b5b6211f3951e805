import { Navigate, Route, Routes } from "react-router";
import type { Role } from "../api/types";
import { AdministrationScreen } from "../features/admin/AdministrationScreen";
import { LookupScreen } from "../features/lookup/LookupScreen";
import { PeopleRoutes } from "../features/people/PeopleRoutes";
import { ReportsRoutes } from "../features/reports/ReportsRoutes";
import { LaterScreen } from "../features/sections/LaterScreen";
import { TrainingRoutes } from "../features/training/TrainingRoutes";
import { SECTIONS, type Section } from "./sections";

type LaterKey = "privacy" | "exports";
const LATER: readonly LaterKey[] = ["privacy", "exports"];

function sectionOf(key: LaterKey): Section & { key: LaterKey } {
  return SECTIONS.find((s) => s.key === key) as Section & { key: LaterKey };
}

/** Each feature owns its sub-routes: /people/… and /companies/…, /reports/…, /training/…. */
export function AppRoutes({ role }: { role: Role }) {
  const mayAdminister = role === "admin" || role === "manager";
  return (
    <Routes>
      <Route index element={<LookupScreen />} />
      <Route path="/people/*" element={<PeopleRoutes />} />
      <Route path="/companies/*" element={<PeopleRoutes />} />
      <Route path="/reports/*" element={<ReportsRoutes />} />
      <Route path="/training/*" element={<TrainingRoutes />} />
      {LATER.map((key) => {
        const section = sectionOf(key);
        return <Route key={key} path={section.path} element={<LaterScreen section={section} />} />;
      })}
      {mayAdminister && <Route path="/admin/:tab?" element={<AdministrationScreen role={role} />} />}
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
