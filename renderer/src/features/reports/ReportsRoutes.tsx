import { Route, Routes } from "react-router";
import { SECTIONS, type Section } from "../../app/sections";
import { LaterScreen } from "../sections/LaterScreen";

/** The reports screens and their sub-routes. */
export function ReportsRoutes() {
  const section = SECTIONS.find((s) => s.key === "reports") as Section & { key: "reports" };
  return (
    <Routes>
      <Route path="*" element={<LaterScreen section={section} />} />
    </Routes>
  );
}
