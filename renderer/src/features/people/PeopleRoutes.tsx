import { Route, Routes } from "react-router";
import { SECTIONS, type Section } from "../../app/sections";
import { LaterScreen } from "../sections/LaterScreen";

/** The people screens and their sub-routes. */
export function PeopleRoutes() {
  const section = SECTIONS.find((s) => s.key === "lookup") as Section & { key: "reports" };
  return (
    <Routes>
      <Route path="*" element={<LaterScreen section={section} />} />
    </Routes>
  );
}
