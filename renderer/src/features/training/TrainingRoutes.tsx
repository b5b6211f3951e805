import { Navigate, Route, Routes } from "react-router";
import { useSignedIn } from "../../api/session";
import { RequestBoard } from "./board/RequestBoard";
import { CourseCatalogue } from "./catalogue/CourseCatalogue";
import { CoursePage } from "./catalogue/CoursePage";
import { PurposeList } from "./interactions/PurposeList";
import { RequestDetailPage } from "./request/RequestDetailPage";
import { RequestForm } from "./request/RequestForm";
import { SessionPage } from "./sessions/SessionPage";
import { CoursesProvider } from "./shared/CoursesContext";
import { TrainingLayout } from "./TrainingLayout";
import { mayReadInteractions } from "./trainingRoles";

/**
 * The training screens: requests board, taking a request, request detail, catalogue, sessions, and
 * the managers' lists of information requests and comments (interactions by purpose).
 */
export function TrainingRoutes() {
  const { state } = useSignedIn();
  return (
    <CoursesProvider>
      <Routes>
        <Route element={<TrainingLayout />}>
          <Route index element={<RequestBoard />} />
          <Route path="new" element={<RequestForm />} />
          <Route path="requests/:id" element={<RequestDetailPage />} />
          <Route path="courses" element={<CourseCatalogue />} />
          <Route path="courses/:id" element={<CoursePage />} />
          <Route path="sessions/:id" element={<SessionPage />} />
          {mayReadInteractions(state.user.role) && <Route path="interactions/:purpose" element={<PurposeList />} />}
          <Route path="*" element={<Navigate to="/training" replace />} />
        </Route>
      </Routes>
    </CoursesProvider>
  );
}
