import { INTERACTION_PURPOSES } from "../../db/schema";

/**
 * The renderer's screens as route patterns (renderer/src/app/AppRoutes.tsx and each feature's
 * routes), for what the log may say about where a page failed. A `:param` is a numeric id unless
 * it is listed in PARAM_VALUES; the renderer may also send `*` for a segment it masked, or the
 * `:param` itself. A screen added to the renderer belongs here too, or its crashes are logged
 * with the route "unknown".
 */
export const ROUTE_SHAPES = [
  "/",
  "/call",
  "/people/new",
  "/people/:id",
  "/companies/:id",
  "/reports",
  "/reports/callbacks",
  "/reports/new",
  "/reports/:id",
  "/training",
  "/training/new",
  "/training/requests/:id",
  "/training/courses",
  "/training/courses/:id",
  "/training/sessions/:id",
  "/training/interactions/:purpose",
  "/privacy",
  "/privacy/requests/:id",
  "/privacy/tools/:tool",
  "/exports",
  "/admin",
  "/admin/:tab",
  "/dashboard",
] as const;

const PARAM_VALUES: Record<string, readonly string[]> = {
  purpose: INTERACTION_PURPOSES,
  tool: ["lists", "disclosures", "retention"],
  tab: ["users", "settings", "privacy", "products", "audit", "backups", "diagnostics"],
};

const NUMERIC_ID = /^\d{1,12}$/;

function segmentMatches(pattern: string, segment: string): boolean {
  if (!pattern.startsWith(":")) return pattern === segment;
  // Masked by the renderer, or a router pattern's own parameter (whatever its name there).
  if (segment === "*" || segment.startsWith(":")) return true;
  const values = PARAM_VALUES[pattern.slice(1)];
  return values ? values.includes(segment) : NUMERIC_ID.test(segment);
}

/**
 * The route as the log may keep it: only ids and fixed words, a masked segment (`*`) or a router
 * parameter written as this list's parameter (`/people/:id`); "unknown" for any other shape.
 */
export function knownRoute(route: string): string {
  const path = route.replace(/\/+$/, "") || "/";
  if (path === "/") return path;
  // A router pattern's optional parameter (`/admin/:tab?`) is the parameter itself.
  const segments = path.split("/").map((segment) => (segment.startsWith(":") ? segment.replace(/\?$/, "") : segment));
  for (const shape of ROUTE_SHAPES) {
    const parts = shape.split("/");
    if (parts.length === segments.length && parts.every((part, i) => segmentMatches(part, segments[i]!))) {
      return segments.map((segment, i) => (segment === "*" || segment.startsWith(":") ? parts[i] : segment)).join("/");
    }
  }
  return "unknown";
}
