import { notifications } from "@mantine/notifications";
import { ApiError } from "../api/ApiError";
// Outside React (window listeners, an error boundary's catch): no hook fits, so the plain call.
import { apiCall } from "../api/queries";
import { i18n } from "../i18n/i18n";
import { notifyError } from "../ui/toasts";

/** Enough for a real incident, few enough that an error in a loop cannot flood the log. */
const MAX_REPORTS = 20;

function incidentId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The screen's route as the log may keep it: no query (the phone pop-up puts a number there), and
 * only numeric ids and fixed lower-case words as segments; anything else becomes `*`.
 */
export function routeOf(hash: string): string {
  const path = hash.replace(/^#/, "").split("?")[0] ?? "";
  return path
    .split("/")
    .map((segment) => (segment === "" || /^\d{1,12}$/.test(segment) || /^[a-z][a-z-]{0,30}$/.test(segment) ? segment : "*"))
    .join("/")
    .slice(0, 200);
}

/** An error class name only (the server refuses anything else): a custom name could be free text. */
function errorClassName(error: unknown): string {
  return error instanceof Error && /^[A-Z][A-Za-z]{0,54}Error$/.test(error.name) ? error.name : "";
}

/**
 * A screen that failed to render (caught by ScreenBoundary): the same report as below, kind
 * `render`, with the screen's route shape only. Returns the incident id the screen shows.
 */
export function reportScreenError(error: unknown, target: Window = window): string {
  const incident = incidentId();
  apiCall("diagnostics.reportError", { kind: "render", route: routeOf(target.location.hash), errorName: errorClassName(error), incident }).catch(() => undefined);
  return incident;
}

/**
 * An error nothing else caught, in the page: the user gets a calm message with an incident id, and
 * the host's log gets the same id with the kind, route and error class — never the message, which
 * could quote what was on the screen.
 */
export function installCrashReporting(target: Window = window): void {
  let reports = 0;
  const report = (kind: "error" | "unhandledrejection", error: unknown) => {
    if (error instanceof ApiError) {
      // A refusal a screen forgot to catch: the server's message says what happened; not a crash.
      notifyError(error);
      return;
    }
    if (reports >= MAX_REPORTS) return;
    reports++;
    const incident = incidentId();
    const errorName = errorClassName(error);
    notifications.show({
      color: "red",
      title: i18n.t("diagnostics.crash.title"),
      message: i18n.t("diagnostics.crash.message", { incident }),
      autoClose: 12_000,
    });
    apiCall("diagnostics.reportError", { kind, route: routeOf(target.location.hash), errorName, incident }).catch(() => undefined);
  };
  // Without `error` the event is a browser notice (ResizeObserver loop, a foreign script): not ours.
  target.addEventListener("error", (event) => {
    if (event.error !== undefined && event.error !== null) report("error", event.error);
  });
  target.addEventListener("unhandledrejection", (event) => report("unhandledrejection", event.reason));
}
