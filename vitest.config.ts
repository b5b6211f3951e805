import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const stubElectron = fileURLToPath(new URL("./tests/electron/stub-electron.ts", import.meta.url));

export default defineConfig({
  test: {
    projects: [
      {
        // Unit and integration: real SQLite files, real migrations, the real dispatcher. The main
        // process is tested against a stub `electron` module (the binary cannot run here).
        resolve: { alias: { electron: stubElectron } },
        // Two workers: vitest's default (cores − 1) is one on our 2-core machines, and the files are
        // CPU-bound (scrypt, SQLite, PDF), so a second one halves the run.
        test: { name: "unit", include: ["tests/**/*.test.ts"], exclude: ["tests/e2e/**"], environment: "node", testTimeout: 30_000, hookTimeout: 60_000, maxWorkers: 2 },
      },
      {
        // End to end: the built app in Debian's Chromium through the loopback transport.
        test: { name: "e2e", include: ["tests/e2e/**/*.test.ts"], testTimeout: 90_000, hookTimeout: 60_000, fileParallelism: false },
      },
    ],
  },
});
