import { Route, Routes } from "react-router";
import { SECTIONS, type Section } from "../../app/sections";
import { LaterScreen } from "../sections/LaterScreen";

/** The training screens and their sub-routes. */
export function TrainingRoutes() {
  const section = SECTIONS.find((s) => s.key === "training") as Section & { key: "reports" };
  return (
    <Routes>
      <Route path="*" element={<LaterScreen section={section} />} />
    </Routes>
  );
}
