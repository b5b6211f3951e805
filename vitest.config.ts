import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { playwright } from "@vitest/browser-playwright";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// The app's version, for the page to name in its requests (X-Client-Version).
const { version } = JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")) as { version: string };

const stubElectron = fileURLToPath(new URL("./tests/electron/stub-electron.ts", import.meta.url));

// tests/db/pg/ (and tests/e2e/pg/, the team server on PostgreSQL) hold what only PostgreSQL has (its migrations, roles, collations): it runs when
// JETINFO_TEST_PG names a server (.ci/run sets one up), and is left out — not skipped test by
// test — otherwise. Suites of both engines take "pg" from tests/fixtures/engines.ts the same way.
const withPostgres = Boolean(process.env.JETINFO_TEST_PG);
if (!withPostgres) console.log("PostgreSQL: not tested here (JETINFO_TEST_PG is not set; .ci/run sets it)");

export default defineConfig({
  test: {
    projects: [
      {
        // Unit and integration: real SQLite files, real migrations, the real dispatcher. The main
        // process is tested against a stub `electron` module (the binary cannot run here).
        resolve: { alias: { electron: stubElectron } },
        // Two workers: vitest's default (cores − 1) is one on our 2-core machines, and the files are
        // CPU-bound (scrypt, SQLite, PDF), so a second one halves the run.
        test: { name: "unit", include: ["tests/**/*.test.ts"], exclude: ["tests/e2e/**", ...(withPostgres ? [] : ["tests/db/pg/**"])], environment: "node", testTimeout: 30_000, hookTimeout: 60_000, maxWorkers: 2, sequence: { groupOrder: 0 } },
      },
      {
        // The UI kit in real Chromium (Debian's, not a downloaded one): focus, keys and Mantine's
        // portals behave as on screen, without building the app. Vite's cache stays in this checkout
        // (node_modules is shared between worktrees).
        plugins: [react()],
        // As in the app's build (vite.config.ts).
        define: { __APP_VERSION__: JSON.stringify(version) },
        cacheDir: ".cache/vite-ui",
        // Only what needs attention: the optimizer announcing its work on a fresh clone is not news.
        logLevel: "warn",
        optimizeDeps: { include: ["react", "react-dom", "react-dom/client", "react/jsx-dev-runtime", "@mantine/core", "@mantine/hooks", "@tanstack/react-query", "@tanstack/react-table", "react-i18next", "i18next", "vitest-browser-react", "zod", "temporal-polyfill", "libphonenumber-js/max"] },
        test: {
          name: "ui",
          include: ["tests/renderer/ui/**/*.test.tsx"],
          // After the unit files (a project with its own worker count runs in its own group).
          sequence: { groupOrder: 1 },
          testTimeout: 30_000,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: {
                executablePath: "/usr/bin/chromium",
                args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
              },
            }),
            instances: [{ browser: "chromium" }],
          },
        },
      },
      {
        // End to end: the built app in Debian's Chromium through the loopback transport.
        test: { name: "e2e", include: ["tests/e2e/**/*.test.ts"], exclude: withPostgres ? [] : ["tests/e2e/pg/**"], testTimeout: 90_000, hookTimeout: 60_000, fileParallelism: false },
      },
    ],
  },
});
