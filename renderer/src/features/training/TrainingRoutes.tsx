import { Navigate, Route, Routes } from "react-router";
import { useCan } from "../../api/capabilities";
import { RequestBoard } from "./board/RequestBoard";
import { CourseCatalogue } from "./catalogue/CourseCatalogue";
import { CoursePage } from "./catalogue/CoursePage";
import { PurposeList } from "./interactions/PurposeList";
import { RequestDetailPage } from "./request/RequestDetailPage";
import { RequestForm } from "./request/RequestForm";
import { SessionPage } from "./sessions/SessionPage";
import { TrainingLayout } from "./TrainingLayout";

/**
 * The training screens: requests board, taking a request, request detail, catalogue, sessions, and
 * the managers' lists of information requests and comments (interactions by purpose).
 */
export function TrainingRoutes() {
  const can = useCan();
  return (
    <Routes>
      <Route element={<TrainingLayout />}>
        <Route index element={<RequestBoard />} />
        <Route path="new" element={<RequestForm />} />
        <Route path="requests/:id" element={<RequestDetailPage />} />
        <Route path="courses" element={<CourseCatalogue />} />
        <Route path="courses/:id" element={<CoursePage />} />
        <Route path="sessions/:id" element={<SessionPage />} />
        {can("interactions.listByPurpose") && <Route path="interactions/:purpose" element={<PurposeList />} />}
        {/* Until the server has said what the user may do, an interactions address is not sent away. */}
        <Route path="*" element={can.known ? <Navigate to="/training" replace /> : null} />
      </Route>
    </Routes>
  );
}
