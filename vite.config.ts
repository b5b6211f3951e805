import { readFileSync } from "node:fs";
import react from "@vitejs/plugin-react";
import { resolve } from "node:path";
import { defineConfig } from "vite";

// The app's version, for the page to name in its requests (X-Client-Version).
const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };

export default defineConfig({
  root: "renderer",
  base: "./",
  plugins: [react()],
  // The page tells the server which build it is (X-Client-Version, renderer/src/api/httpTransport.ts).
  define: { __APP_VERSION__: JSON.stringify(version) },
  // JETINFO_DIST: see build/bundle.mjs. The page loads from the desk's disk or the team server on
  // the LAN, not over the Internet: one 2 MB script is read in milliseconds. The warning stays, at
  // a limit that tells when the page really grows (the team mode's screens took it past 2,000 kB;
  // splitting the dashboard's charts into their own chunk is the next step).
  build: { outDir: process.env.JETINFO_DIST ? resolve(process.env.JETINFO_DIST, "renderer") : "../dist/renderer", emptyOutDir: true, chunkSizeWarningLimit: 2200 },
});
