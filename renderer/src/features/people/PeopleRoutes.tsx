import type { ReactNode } from "react";
import { Navigate, Route, Routes, useLocation, useParams } from "react-router";
import { CompanyScreen } from "./CompanyScreen";
import { NewPersonScreen } from "./NewPersonScreen";
import { PersonCardScreen, type PersonCardSlots } from "./PersonCardScreen";

/**
 * /people/new, /people/:id and /companies/:id (this element is mounted under both prefixes).
 * `personCard`: what the shell adds to the card from other features (privacy's sections).
 */
export function PeopleRoutes({ personCard }: { personCard?: PersonCardSlots }) {
  const { pathname, search } = useLocation();
  if (pathname.startsWith("/companies"))
    return (
      <Routes>
        <Route path=":id" element={<WithId render={(id) => <CompanyScreen key={id} companyId={id} />} />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    );
  return (
    <Routes>
      <Route path="new" element={<NewPersonScreen key={search} />} />
      <Route path=":id" element={<WithId render={(id) => <PersonCardScreen key={id} personId={id} slots={personCard} />} />} />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}

/** A numeric :id or back to the lookup; a new id remounts the screen (no old card under a new address). */
function WithId({ render }: { render(id: number): ReactNode }) {
  const { id } = useParams();
  const value = Number(id);
  if (!Number.isInteger(value) || value <= 0) return <Navigate to="/" replace />;
  return <>{render(value)}</>;
}
