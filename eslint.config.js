// Lint rules keyed to the runtime each folder runs in (DESIGN.md, "Layers and folders").
import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";
import { layering } from "./build/eslint-layers.js";

const browserGlobals = ["window", "document", "navigator", "localStorage", "sessionStorage", "location", "history", "self"].map((name) => ({
  name,
  message: "This layer runs without a page (Node, a worker, the team server): no browser globals.",
}));
const nodeGlobals = ["process", "Buffer", "require", "__dirname", "__filename", "global", "module", "setImmediate"].map((name) => ({
  name,
  message: "common/ runs everywhere: no Node globals.",
}));

export default tseslint.config(
  { ignores: ["dist/**", "release/**", ".cache/**", "node_modules/**", "db/migrations/**", "tests/e2e/screenshots/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    // One rule for every layer's imports (build/eslint-layers.js): static, type-only, re-exports,
    // import() and require() alike.
    files: ["common/**/*.ts", "db/**/*.ts", "electron/**/*.ts", "renderer/**/*.{ts,tsx}"],
    plugins: { layering },
    rules: { "layering/layers": "error" },
  },
  {
    // The renderer runs in a sandboxed page.
    files: ["renderer/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Screens reach the API through the query layer only (api/queries.ts): one place for caching,
    // staleness, invalidation after writes and the forms' validation.
    files: ["renderer/src/{features,app,ui}/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/api/client"], message: "Read with useApiQuery / fetchApi and write with useApiMutation (api/queries.ts)." }] },
      ],
    },
  },
  {
    // Screens open dialogs through the kit (ui/Dialog, FormDialog, ConfirmDialog), which give the
    // focus back to the opener when they close; Mantine's Modal alone leaves it at the top of the page.
    // (The whole rule again: a later block replaces an earlier one's options.)
    files: ["renderer/src/{features,app}/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [{ group: ["**/api/client"], message: "Read with useApiQuery / fetchApi and write with useApiMutation (api/queries.ts)." }],
          paths: [{ name: "@mantine/core", importNames: ["Modal"], message: "Use the kit's Dialog (ui/Dialog.tsx), FormDialog or ConfirmDialog: they give the focus back to the opener." }],
        },
      ],
    },
  },
  {
    // The data core runs under plain Node (a worker, the team server): no page.
    files: ["db/**/*.ts"],
    rules: { "no-restricted-globals": ["error", ...browserGlobals] },
  },
  {
    // The contract runs in every runtime.
    files: ["common/**/*.ts"],
    languageOptions: { globals: {} },
    rules: { "no-restricted-globals": ["error", ...browserGlobals, ...nodeGlobals] },
  },
  {
    files: ["electron/preload.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["node:*", "**/db/**", "better-sqlite3"], message: "The sandboxed preload can only require electron." }] }],
    },
  },
);
