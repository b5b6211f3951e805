// Bundles the main process, the preload, the browser-mode server and the team server to CommonJS in dist/, and
// ships the migrations beside them (the renderer is built by Vite into dist/renderer).
import { build } from "esbuild";
import { cpSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

// JETINFO_DIST lets parallel work trees build side by side; dist/ otherwise.
const out = process.env.JETINFO_DIST ?? "dist";

// import.meta is empty in CommonJS; the modules that use it fall back to __filename there.
const common = { bundle: true, platform: "node", format: "cjs", target: "node20", sourcemap: "linked", logLevel: "warning", logOverride: { "empty-import-meta": "silent" } };

/**
 * exceljs 4.4.0 (the latest) writes XLSX through archiver 5, whose archiver-utils 2.1.0 calls the
 * deprecated `new Buffer(string)` for every text part of the zip: Node's DEP0005 warning in the
 * server log on the first Excel export (bundled, the call no longer sits under node_modules, where
 * Node keeps quiet). archiver-utils 3 made exactly these three calls Buffer.from / Buffer.alloc, but
 * archiver 5 cannot take it (its stream check fails on 3's streams), so the worker's bundle makes
 * the same three replacements in 2.1.0 — and stops the build if that file ever changes.
 */
const archiverUtilsBuffers = {
  name: "archiver-utils-buffers",
  setup(build) {
    const calls = [
      ["new Buffer(size)", "Buffer.alloc(size)"],
      ["new Buffer(0)", "Buffer.alloc(0)"],
      ["new Buffer(source)", "Buffer.from(source)"],
    ];
    build.onLoad({ filter: /[\\/]archiver-utils[\\/]index\.js$/ }, ({ path }) => {
      let contents = readFileSync(path, "utf8");
      if (!contents.includes("new Buffer(")) return undefined;
      for (const [deprecated, current] of calls) {
        if (contents.split(deprecated).length !== 2) throw new Error(`${path}: "${deprecated}" not found once (build/bundle.mjs)`);
        contents = contents.replace(deprecated, current);
      }
      if (contents.includes("new Buffer(")) throw new Error(`${path}: another new Buffer() call (build/bundle.mjs)`);
      return { contents, loader: "js" };
    });
  },
};

await Promise.all([
  build({ ...common, entryPoints: ["electron/main.ts"], outfile: join(out, "main.cjs"), external: ["electron", "better-sqlite3", "pdfkit"] }),
  // The preload runs sandboxed: one file whose only require is "electron".
  build({ ...common, entryPoints: ["electron/preload.ts"], outfile: join(out, "preload.cjs"), external: ["electron"], sourcemap: false }),
  build({ ...common, entryPoints: ["electron/web.ts"], outfile: join(out, "web.cjs"), external: ["better-sqlite3", "pdfkit"] }),
  // The team server (npm run server): the same host and renderer behind the HTTPS transport.
  build({ ...common, entryPoints: ["electron/server.ts"], outfile: join(out, "server.cjs"), external: ["better-sqlite3", "pdfkit"] }),
  // Each export runs in a worker thread started from this file (electron/export/jobs.ts).
  build({ ...common, entryPoints: ["electron/export/worker.ts"], outfile: join(out, "export-worker.cjs"), external: ["better-sqlite3"], plugins: [archiverUtilsBuffers] }),
  // The heavy reads (export previews, audit verification, access reports…) run in a pool of worker
  // threads started from this file (electron/workers/pool.ts). pdfkit stays outside, as in main.cjs.
  build({ ...common, entryPoints: ["electron/workers/worker.ts"], outfile: join(out, "heavy-worker.cjs"), external: ["better-sqlite3", "pdfkit"] }),
]);
rmSync(join(out, "migrations"), { recursive: true, force: true });
cpSync("db/migrations", join(out, "migrations"), { recursive: true });
// The team server's PostgreSQL migrations (db/pg/open.ts looks for them beside the bundle).
rmSync(join(out, "pg-migrations"), { recursive: true, force: true });
cpSync("db/pg/migrations", join(out, "pg-migrations"), { recursive: true });
