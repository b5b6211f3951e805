import type { ReactNode } from "react";
import { Navigate, Route, Routes, useParams } from "react-router";
import { ManagerTools } from "./manager/ManagerTools";
import { RegisterScreen } from "./RegisterScreen";
import { RequestScreen } from "./RequestScreen";

/**
 * The screens under /privacy, as a list each part of the privacy feature adds its own entries to
 * (paths relative to /privacy): the request register and one request here; the manager's tools
 * (mailing lists, disclosures, retention, settings) belong under `tools/*`.
 */
export const PRIVACY_ROUTES: readonly { path: string; element: ReactNode }[] = [
  { path: "", element: <RegisterScreen /> },
  { path: "requests/:id", element: <WithRequestId /> },
  { path: "tools/*", element: <ManagerTools /> },
];

export function PrivacyRoutes() {
  return (
    <Routes>
      {PRIVACY_ROUTES.map((route) => (route.path === "" ? <Route key="index" index element={route.element} /> : <Route key={route.path} path={route.path} element={route.element} />))}
      <Route path="*" element={<Navigate to="/privacy" replace />} />
    </Routes>
  );
}

/** A numeric :id or back to the register; a new id remounts the screen (no old request under a new address). */
function WithRequestId() {
  const { id } = useParams();
  const value = Number(id);
  if (!Number.isInteger(value) || value <= 0) return <Navigate to="/privacy" replace />;
  return <RequestScreen key={value} requestId={value} />;
}
