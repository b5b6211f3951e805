import react from "@vitejs/plugin-react";
import { resolve } from "node:path";
import { defineConfig } from "vite";

export default defineConfig({
  root: "renderer",
  base: "./",
  plugins: [react()],
  // JETINFO_DIST: see build/bundle.mjs.
  build: { outDir: process.env.JETINFO_DIST ? resolve(process.env.JETINFO_DIST, "renderer") : "../dist/renderer", emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
