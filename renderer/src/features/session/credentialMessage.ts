import type { TFunction } from "i18next";
import { ApiError } from "../../api/ApiError";

/**
 * Login refusals (and the reason a session ended) are translated here by their reason: without a
 * session the server cannot know the reader's language. Unknown reasons keep the server's message.
 */
export function credentialMessage(t: TFunction, error: unknown, context: "login" | "unlock" | "ended"): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error);
  switch (error.reason) {
    case "bad_credentials":
      return context === "unlock" ? t("errors.wrong_password") : t("errors.bad_credentials");
    case "not_logged_in":
      return context === "ended" ? t("shell.sessionEnded") : error.message;
    case "account_inactive":
      return t("errors.account_inactive");
    default:
      return error.message;
  }
}
