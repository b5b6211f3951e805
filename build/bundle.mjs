// Bundles the main process, the preload and the browser-mode server to CommonJS in dist/, and
// ships the migrations beside them (the renderer is built by Vite into dist/renderer).
import { build } from "esbuild";
import { cpSync, rmSync } from "node:fs";
import { join } from "node:path";

// JETINFO_DIST lets parallel work trees build side by side; dist/ otherwise.
const out = process.env.JETINFO_DIST ?? "dist";

// import.meta is empty in CommonJS; the modules that use it fall back to __filename there.
const common = { bundle: true, platform: "node", format: "cjs", target: "node20", sourcemap: "linked", logLevel: "warning", logOverride: { "empty-import-meta": "silent" } };

await Promise.all([
  build({ ...common, entryPoints: ["electron/main.ts"], outfile: join(out, "main.cjs"), external: ["electron", "better-sqlite3", "pdfkit"] }),
  // The preload runs sandboxed: one file whose only require is "electron".
  build({ ...common, entryPoints: ["electron/preload.ts"], outfile: join(out, "preload.cjs"), external: ["electron"], sourcemap: false }),
  build({ ...common, entryPoints: ["electron/web.ts"], outfile: join(out, "web.cjs"), external: ["better-sqlite3", "pdfkit"] }),
  // Each export runs in a worker thread started from this file (electron/export/jobs.ts).
  build({ ...common, entryPoints: ["electron/export/worker.ts"], outfile: join(out, "export-worker.cjs"), external: ["better-sqlite3"] }),
]);
rmSync(join(out, "migrations"), { recursive: true, force: true });
cpSync("db/migrations", join(out, "migrations"), { recursive: true });
