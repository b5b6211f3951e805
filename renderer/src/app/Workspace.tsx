import { AppShell } from "@mantine/core";
import { useEffect, useRef } from "react";
import { useNavigate } from "react-router";
import { useCan } from "../api/capabilities";
import { LookupProvider, useLookup } from "../features/lookup/LookupContext";
import { NewPersonShortcut } from "../features/lookup/NewPersonShortcut";
import { NewReportShortcut } from "../features/reports/NewReportShortcut";
import { LockOverlay } from "../features/session/LockOverlay";
import { useLiveUpdates } from "../api/liveUpdates";
import { useSignedIn } from "../api/session";
import { useIdleLock } from "../features/session/useIdleLock";
import { TrainingShortcut } from "../features/training/TrainingShortcut";
import { AppRoutes } from "./AppRoutes";
import { NavigationRail } from "./NavigationRail";
import { ShortcutHelp } from "./ShortcutHelp";
import { sectionsFor } from "./sections";
import { TopBar } from "./TopBar";
import { useShortcuts } from "./useShortcuts";

/** Everything after sign-in. Mounted for the whole session, whether locked or not. */
export function Workspace() {
  return (
    <LookupProvider>
      <WorkspaceShell />
    </LookupProvider>
  );
}

function WorkspaceShell() {
  const { state, lock, refresh } = useSignedIn();
  const lookup = useLookup();
  const navigate = useNavigate();
  const sections = sectionsFor(useCan());
  const lastFocus = useRef<HTMLElement | null>(null);

  // Back to where the person was typing once the session is unlocked.
  useEffect(() => {
    if (!state.locked && lastFocus.current?.isConnected) lastFocus.current.focus();
  }, [state.locked]);

  // What other desks change shows here too (a team server, or another window on this desk).
  useLiveUpdates(!state.locked);
  useIdleLock({ idleMinutes: state.idleMinutes, enabled: !state.locked, onIdle: lock, onActive: () => void refresh() });
  useShortcuts(!state.locked, {
    focusLookup: lookup.focus,
    lock,
    goToSection: (index) => {
      const section = sections[index];
      if (section) void navigate(section.path);
    },
  });

  return (
    <>
      {/* `inert` while locked: nothing underneath can be focused, clicked or read aloud, yet it all stays as it was. */}
      <div
        inert={state.locked}
        style={{ height: "100%" }}
        onFocus={(event) => {
          lastFocus.current = event.target;
        }}
      >
        <AppShell header={{ height: 60 }} navbar={{ width: 112, breakpoint: 0 }} padding="lg">
          <AppShell.Header>
            <TopBar />
          </AppShell.Header>
          <AppShell.Navbar>
            <NavigationRail sections={sections} />
          </AppShell.Navbar>
          <AppShell.Main>
            <AppRoutes />
            <TrainingShortcut />
            <NewReportShortcut />
            <NewPersonShortcut />
            <ShortcutHelp enabled={!state.locked} />
          </AppShell.Main>
        </AppShell>
      </div>
      {state.locked && <LockOverlay />}
    </>
  );
}
