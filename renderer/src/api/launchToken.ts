const TOKEN_KEY = "jetinfo.launchToken";

/**
 * The loopback server hands its per-launch token in the URL fragment: `#token=…`, or after a route
 * (`#/call?from=…&token=…`, printed by `npm run web -- --call <number>`). Take it out of the
 * address bar before the hash router reads the fragment, keeping the route, and keep it for the
 * tab's lifetime so a reload still works. Returns whether the token changed, because sessions from
 * an earlier launch are gone with that server.
 */
export function takeLaunchToken(): { token: string | null; renewed: boolean } {
  const hash = window.location.hash.replace(/^#/, "");
  const routed = hash.startsWith("/");
  const queryAt = hash.indexOf("?");
  const route = !routed ? "/" : queryAt < 0 ? hash : hash.slice(0, queryAt);
  const query = !routed ? hash : queryAt < 0 ? "" : hash.slice(queryAt + 1);
  const fromUrl = new URLSearchParams(query).get("token");
  const stored = sessionStorage.getItem(TOKEN_KEY);
  if (!fromUrl) return { token: stored, renewed: false };
  sessionStorage.setItem(TOKEN_KEY, fromUrl);
  // The other parameters are kept as they were written, not re-encoded ("+" must stay "+").
  const rest = routed ? query.split("&").filter((pair) => pair.split("=", 1)[0] !== "token").join("&") : "";
  window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}#${route}${rest ? `?${rest}` : ""}`);
  return { token: fromUrl, renewed: fromUrl !== stored };
}
