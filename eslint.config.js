// Lint rules keyed to the runtime each folder runs in (DESIGN.md, "Layers and folders").
import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const nodeOnly = ["electron", "better-sqlite3", "node:*", "fs", "path", "os", "crypto", "child_process", "http", "net", "url", "worker_threads"];

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
    // The renderer runs in a sandboxed page: no Node, no Electron, no database; only the API's types.
    files: ["renderer/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "no-restricted-imports": [
        "error",
        {
          paths: nodeOnly.filter((p) => !p.includes("*")).map((name) => ({ name, message: "The renderer cannot use Node or Electron; call the API." })),
          patterns: [
            { group: ["node:*"], message: "The renderer cannot use Node modules." },
            { group: ["**/db/**", "**/db"], message: "The renderer reaches the data only through the API client." },
            { group: ["**/electron/**"], allowTypeImports: true, message: "Only `import type` from the API contract." },
          ],
        },
      ],
    },
  },
  {
    // The data core runs under plain Node, so it can move to a worker or a server.
    files: ["db/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "electron", message: "db/ runs under plain Node: no Electron." }],
          patterns: [
            { group: ["**/renderer/**"], message: "db/ cannot depend on the UI." },
            { group: ["**/electron/**"], message: "Dependencies point renderer → electron → db, never back." },
          ],
        },
      ],
    },
  },
  {
    files: ["electron/preload.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["node:*", "**/db/**", "better-sqlite3"], message: "The sandboxed preload can only require electron." }] }],
    },
  },
);
