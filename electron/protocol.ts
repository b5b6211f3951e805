import { readFile, stat } from "node:fs/promises";
import { APP_HOST, APP_SCHEME } from "./app-origin";
import { CONTENT_SECURITY_POLICY, contentType, resolveStaticPath } from "./static-files";

/**
 * The `app://crm/…` handler: the built renderer (dist/renderer), with the same
 * Content-Security-Policy the loopback server sends. A custom protocol instead of `file://` so the
 * page has a real origin that the IPC sender check and the CSP `'self'` can name.
 */
export function createAppProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refuse(400, "Bad URL");
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) return refuse(404, "Not found");
    if (request.method !== "GET" && request.method !== "HEAD") return refuse(405, "Method not allowed");

    const file = resolveStaticPath(rendererDir, url.pathname);
    if (!file) return refuse(400, "Bad path");
    try {
      if (!(await stat(file)).isFile()) return refuse(404, "Not found");
      const body = request.method === "HEAD" ? null : await readFile(file);
      return new Response(body, {
        status: 200,
        headers: {
          "Content-Type": contentType(file),
          "Content-Security-Policy": CONTENT_SECURITY_POLICY,
          "X-Content-Type-Options": "nosniff",
        },
      });
    } catch {
      return refuse(404, "Not found");
    }
  };
}

function refuse(status: number, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff" } });
}
