import { notifications } from "@mantine/notifications";
import { ApiError } from "../api/ApiError";
import { i18n } from "../i18n/i18n";

/**
 * The toast area: the dispatcher's own message (already in the user's language), titled by the
 * kind of refusal. LOCKED and a lost session are shown by the shell itself (overlay, login), so
 * they are not repeated here.
 */
export function notifyError(error: unknown): void {
  if (error instanceof ApiError) {
    if (error.code === "LOCKED" || (error.code === "UNAUTHENTICATED" && error.reason !== "bad_credentials")) return;
    notifications.show({ color: "red", title: i18n.t(`errors.titles.${error.code}`), message: error.message, autoClose: 8000 });
    return;
  }
  notifications.show({ color: "red", title: i18n.t("errors.titles.INTERNAL"), message: error instanceof Error ? error.message : String(error), autoClose: 8000 });
}

export function notifySuccess(message: string): void {
  notifications.show({ color: "teal", message, autoClose: 4000 });
}
