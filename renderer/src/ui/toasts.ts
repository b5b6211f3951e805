import { notifications } from "@mantine/notifications";
import { message } from "../../../common/messages";
import { ApiError } from "../api/ApiError";
import { currentLanguage, i18n } from "../i18n/i18n";

/**
 * The toast area: the dispatcher's own message (already in the user's language, or worded by
 * reason in ApiError before login), titled by the kind of refusal. LOCKED and a lost session are
 * shown by the shell itself (overlay, login), so they are not repeated here. Anything else that
 * was thrown gets one sentence: a browser's or a library's own text ("Failed to fetch",
 * "Cannot read properties of undefined") is no message for the user.
 */
export function notifyError(error: unknown): void {
  if (error instanceof ApiError) {
    if (error.code === "LOCKED" || (error.code === "UNAUTHENTICATED" && error.reason !== "bad_credentials")) return;
    notifications.show({ color: "red", title: i18n.t(`errors.titles.${error.code}`), message: error.message, autoClose: 8000 });
    return;
  }
  notifications.show({ color: "red", title: i18n.t("errors.titles.INTERNAL"), message: message("unexpected", currentLanguage()), autoClose: 8000 });
}

export function notifySuccess(message: string): void {
  notifications.show({ color: "teal", message, autoClose: 4000 });
}
