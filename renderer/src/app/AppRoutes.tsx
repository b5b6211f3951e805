import { Navigate, Route, Routes } from "react-router";
import type { Role } from "../api/types";
import { AdministrationScreen } from "../features/admin/AdministrationScreen";
import { LookupScreen } from "../features/lookup/LookupScreen";
import { LaterScreen } from "../features/sections/LaterScreen";
import { SECTIONS, type Section } from "./sections";

type LaterKey = "reports" | "training" | "privacy" | "exports";
const LATER: readonly LaterKey[] = ["reports", "training", "privacy", "exports"];

function sectionOf(key: LaterKey): Section & { key: LaterKey } {
  return SECTIONS.find((s) => s.key === key) as Section & { key: LaterKey };
}

export function AppRoutes({ role }: { role: Role }) {
  const mayAdminister = role === "admin" || role === "manager";
  return (
    <Routes>
      <Route index element={<LookupScreen />} />
      {LATER.map((key) => {
        const section = sectionOf(key);
        return <Route key={key} path={section.path} element={<LaterScreen section={section} />} />;
      })}
      {mayAdminister && <Route path="/admin/:tab?" element={<AdministrationScreen role={role} />} />}
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}
