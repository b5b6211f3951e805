import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { IncomingMessage, ServerResponse } from "node:http";
import { APP_HOST, APP_SCHEME } from "../app-origin";
import { DOWNLOAD_PREFIX, findExportDownload, type ExportDownload } from "./jobs";

export { DOWNLOAD_PREFIX };

function headers(download: ExportDownload): Record<string, string> {
  return {
    "Content-Type": download.contentType,
    "Content-Length": String(download.size),
    // The name is built by the job table from the record-set key and a timestamp: plain ASCII.
    "Content-Disposition": `attachment; filename="${download.name}"`,
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
}

/**
 * `GET /exports/download/<key>` on the loopback server, behind its Host and Origin checks. A
 * download is a navigation and cannot carry the launch token: the 256-bit key, handed only to the
 * session that started the export, stands in for it, and the file is removed once sent in full.
 */
export function serveExportDownload(req: IncomingMessage, res: ServerResponse, path: string): void {
  const download = req.method === "GET" ? findExportDownload(path) : undefined;
  if (!download) {
    res.writeHead(404, { "Content-Type": "application/json; charset=utf-8", Connection: "close" });
    res.end(JSON.stringify({ error: "No such export (finished downloads and cancelled exports are removed)" }));
    return;
  }
  res.writeHead(200, headers(download));
  const stream = createReadStream(download.file);
  stream.pipe(res);
  res.on("finish", () => download.delivered());
}

/** `/exports/download/<key>` when the request is for `app://crm/exports/download/…`, else undefined. */
export function appDownloadPath(request: Request): string | undefined {
  const url = new URL(request.url);
  if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST || !url.pathname.startsWith(DOWNLOAD_PREFIX)) return undefined;
  return url.pathname;
}

/**
 * The same download through the Electron app protocol (`app://crm/exports/download/<key>`):
 * Electron offers it in a save dialog. electron/protocol.ts's handler calls this first and falls
 * back to the renderer files when it answers undefined.
 */
export function exportDownloadResponse(request: Request): Response | undefined {
  const path = appDownloadPath(request);
  if (path === undefined) return undefined;
  const download = request.method === "GET" ? findExportDownload(path) : undefined;
  if (!download) return new Response("No such export", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const stream = createReadStream(download.file);
  stream.on("end", () => download.delivered());
  return new Response(Readable.toWeb(stream) as WebReadableStream as unknown as ReadableStream, { status: 200, headers: headers(download) });
}
