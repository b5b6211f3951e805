import { MantineProvider } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { QueryClientProvider } from "@tanstack/react-query";
import { queryClient } from "../api/queries";
import { HashRouter } from "react-router";
import { LoginScreen } from "../features/session/LoginScreen";
import { SessionProvider, useSession } from "../api/session";
import { SetupScreen } from "../features/session/SetupScreen";
import { DeskModeScreen } from "../features/desk-mode/DeskModeScreen";
import { StartingScreen, UnreachableScreen } from "../features/session/StartupScreen";
import { useCtrlEnterSaves } from "../ui/useCtrlEnterSaves";
import { theme } from "./theme";
import { Workspace } from "./Workspace";

export function App() {
  // Every form of the app, the login and set-up screens included.
  useCtrlEnterSaves();
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      {/* Bottom right: never over the lookup box or the screen's title and actions. */}
      <Notifications position="bottom-right" limit={4} zIndex={500} />
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <HashRouter>
            <SessionGate />
          </HashRouter>
        </SessionProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}

/** Which of the few top-level screens the session state calls for. */
function SessionGate() {
  const { state, retry } = useSession();
  switch (state.phase) {
    case "starting":
      return <StartingScreen />;
    case "deskMode":
      return <DeskModeScreen unreadable={state.unreadable} onChosen={retry} />;
    case "unreachable":
      return <UnreachableScreen reason={state.reason} message={state.message} />;
    case "setup":
      return <SetupScreen />;
    case "login":
      return <LoginScreen ended={state.ended} />;
    case "in":
      return <Workspace />;
  }
}
