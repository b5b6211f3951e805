import { notifications } from "@mantine/notifications";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { ApiError } from "./ApiError";
import { onSessionInterrupted } from "./client";
import { apiCall, fetchApi, queryClient } from "./queries";
import type { Language } from "../../../common/enums";
import type { PublicUser, SessionInfo } from "./types";
import { notifyError } from "../ui/toasts";
import { currentLanguage, i18n } from "../i18n/i18n";
import { message as reasonMessage } from "../../../common/messages";

export type SessionState =
  | { phase: "starting" }
  /** A desk's first start: local database or team server (the desk shell's `desk.mode`). */
  | { phase: "deskMode"; unreadable: boolean }
  | { phase: "unreachable"; reason: string | undefined; message: string }
  | { phase: "setup" }
  /** `ended`: why a running session was ended by the server (expired, password reset, deactivated). */
  | { phase: "login"; ended?: ApiError }
  | { phase: "in"; user: PublicUser; idleMinutes: number; locked: boolean };

export type SignedIn = Extract<SessionState, { phase: "in" }>;

interface SessionContextValue {
  state: SessionState;
  retry(): void;
  /** After setup or login: the returned session becomes the current one. */
  enter(info: SessionInfo): void;
  lock(): void;
  /** Throws the ApiError (wrong password) for the overlay's form. */
  unlock(password: string): Promise<void>;
  logout(): Promise<void>;
  setLanguage(language: Language): void;
  setIdleMinutes(minutes: number): void;
  /** Brings user, settings and lock state in line with the server (heartbeat). */
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/**
 * Empties the query cache when a session begins or ends (login, logout, a session the server
 * ended, a restored backup's logout): the next person at the desk never sees the last one's data.
 */
function forgetSession(): void {
  queryClient.clear();
}

/**
 * The language picked on the login (or setup) page, if the user picked one there. The next
 * sign-in makes it that user's preference: the person at the desk chose it just now, which says
 * more than what was stored last time (a colleague's choice, or the default). Untouched, the
 * stored preference applies.
 */
let chosenBeforeSignIn: Language | null = null;

/** FR | EN on a page shown before sign-in: shown at once, and saved for whoever signs in next. */
export function chooseLanguageBeforeSignIn(language: Language): void {
  chosenBeforeSignIn = language;
  void i18n.changeLanguage(language);
}

async function initialState(): Promise<SessionState> {
  try {
    // The desk shell answers first: a desk with no mode chosen has nothing else to ask yet. A page
    // the team server serves itself has no desk shell: its NOT_FOUND means "carry on".
    const desk = await fetchApi("desk.mode", {});
    if (desk.mode === "unset") return { phase: "deskMode", unreadable: desk.unreadable };
  } catch (error) {
    if (!(error instanceof ApiError && error.code === "NOT_FOUND")) {
      const reason = error instanceof ApiError ? error.reason : undefined;
      return { phase: "unreachable", reason, message: error instanceof ApiError ? error.message : reasonMessage("unreachable", currentLanguage()) };
    }
  }
  try {
    const { needsAdmin } = await fetchApi("setup.status", {});
    if (needsAdmin) return { phase: "setup" };
  } catch (error) {
    const reason = error instanceof ApiError ? error.reason : undefined;
    // A thrown TypeError's own text ("Failed to fetch") is no message for the user.
    return { phase: "unreachable", reason, message: error instanceof ApiError ? error.message : reasonMessage("unreachable", currentLanguage()) };
  }
  try {
    // A reload keeps the tab's session: pick it up where it was, locked or not. (Read through the
    // cache, so the screens' capabilities are known from the first paint.)
    const me = await fetchApi("session.me", {});
    await i18n.changeLanguage(me.user.language);
    return { phase: "in", user: me.user, idleMinutes: me.idleMinutes, locked: me.locked };
  } catch {
    return { phase: "login" };
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ phase: "starting" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    void initialState().then((next) => {
      if (current) setState(next);
    });
    return () => {
      current = false;
    };
  }, [attempt]);

  useEffect(
    () =>
      onSessionInterrupted((error) => {
        setState((s) => {
          if (s.phase !== "in") return s;
          if (error.code === "LOCKED") return s.locked ? s : { ...s, locked: true };
          forgetSession();
          return { phase: "login", ended: error };
        });
      }),
    [],
  );

  const retry = useCallback(() => {
    setState({ phase: "starting" });
    setAttempt((n) => n + 1);
  }, []);

  const enter = useCallback((info: SessionInfo) => {
    // Nothing read under another account (or before the setup) may show in this session.
    forgetSession();
    const chosen = chosenBeforeSignIn;
    chosenBeforeSignIn = null;
    const language = chosen ?? info.user.language;
    void i18n.changeLanguage(language);
    setState({ phase: "in", user: { ...info.user, language }, idleMinutes: info.idleMinutes, locked: false });
    if (language !== info.user.language) apiCall("session.setLanguage", { language }).catch(notifyError);
  }, []);

  const lock = useCallback(() => {
    // The overlay goes up at once; the server call only makes the lock hold for this session.
    setState((s) => (s.phase === "in" && !s.locked ? { ...s, locked: true } : s));
    apiCall("session.lock", {}).catch(() => undefined);
  }, []);

  const unlock = useCallback(async (password: string) => {
    await apiCall("session.unlock", { password });
    setState((s) => (s.phase === "in" ? { ...s, locked: false } : s));
    // What the screens show may have changed while the desk was locked.
    void queryClient.invalidateQueries();
  }, []);

  const logout = useCallback(async () => {
    await apiCall("session.logout", {}).catch(() => undefined);
    notifications.clean();
    setState({ phase: "login" });
    forgetSession();
  }, []);

  const setLanguage = useCallback((language: Language) => {
    void i18n.changeLanguage(language);
    setState((s) => (s.phase === "in" ? { ...s, user: { ...s.user, language } } : s));
    apiCall("session.setLanguage", { language }).catch(notifyError);
  }, []);

  const setIdleMinutes = useCallback((idleMinutes: number) => {
    setState((s) => (s.phase === "in" ? { ...s, idleMinutes } : s));
  }, []);

  const refresh = useCallback(async () => {
    // Through the cache: a change of role or grant reaches the screens' capabilities too.
    const me = await fetchApi("session.me", {}).catch(() => null);
    if (!me) return;
    setState((s) => (s.phase === "in" ? { ...s, user: me.user, idleMinutes: me.idleMinutes, locked: s.locked || me.locked } : s));
  }, []);

  const value = useMemo(
    () => ({ state, retry, enter, lock, unlock, logout, setLanguage, setIdleMinutes, refresh }),
    [state, retry, enter, lock, unlock, logout, setLanguage, setIdleMinutes, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}

/** For screens that only exist once someone is signed in. */
export function useSignedIn(): SessionContextValue & { state: SignedIn } {
  const session = useSession();
  if (session.state.phase !== "in") throw new Error("useSignedIn before sign-in");
  return session as SessionContextValue & { state: SignedIn };
}
