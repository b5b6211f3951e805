const TOKEN_KEY = "jetinfo.launchToken";

/**
 * The loopback server hands its per-launch token in the URL fragment (`#token=…`). Take it out of
 * the address bar before the hash router reads the fragment, and keep it for the tab's lifetime so
 * a reload still works. Returns whether the token changed, because sessions from an earlier launch
 * are gone with that server.
 */
export function takeLaunchToken(): { token: string | null; renewed: boolean } {
  const fragment = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  const fromUrl = fragment.get("token");
  const stored = sessionStorage.getItem(TOKEN_KEY);
  if (!fromUrl) return { token: stored, renewed: false };
  sessionStorage.setItem(TOKEN_KEY, fromUrl);
  window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}#/`);
  return { token: fromUrl, renewed: fromUrl !== stored };
}
