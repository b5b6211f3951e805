// Bundles the main process, the preload and the browser-mode server to CommonJS in dist/, and
// ships the migrations beside them (the renderer is built by Vite into dist/renderer).
import { build } from "esbuild";
import { cpSync, rmSync } from "node:fs";

const common = { bundle: true, platform: "node", format: "cjs", target: "node20", sourcemap: "linked", logLevel: "warning" };

await Promise.all([
  build({ ...common, entryPoints: ["electron/main.ts"], outfile: "dist/main.cjs", external: ["electron", "better-sqlite3"] }),
  // The preload runs sandboxed: one file whose only require is "electron".
  build({ ...common, entryPoints: ["electron/preload.ts"], outfile: "dist/preload.cjs", external: ["electron"], sourcemap: false }),
  build({ ...common, entryPoints: ["electron/web.ts"], outfile: "dist/web.cjs", external: ["better-sqlite3"] }),
]);
rmSync("dist/migrations", { recursive: true, force: true });
cpSync("db/migrations", "dist/migrations", { recursive: true });
