// The layering rule (DESIGN.md, "Layers and folders"), in the VS Code manner: every file belongs to a
// layer named after the runtime it may run in, and may import only from the layers listed for it.
// It sees every way a module can be reached: `import`, `import type`, `export … from`,
// `export * from`, `import()` and `require()`, so a renderer file cannot reach the database by a
// dynamic import that the static rule would have missed.
import { builtinModules } from "node:module";
import { dirname, relative, resolve, sep } from "node:path";

const root = resolve(dirname(new URL(import.meta.url).pathname), "..");
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** The layer of a file or import target, from its path relative to the project root. */
function layerOf(path) {
  const parts = relative(root, path).split(sep);
  if (parts[0] === "common") return { name: "common" };
  if (parts[0] === "db") return { name: "db" };
  if (parts[0] === "electron") return { name: "electron" };
  if (parts[0] === "renderer" && parts[1] === "src") {
    if (parts[2] === "features") return { name: "feature", feature: parts[3] };
    if (["api", "ui", "i18n", "app"].includes(parts[2])) return { name: parts[2] };
    return { name: "renderer-root" };
  }
  return null;
}

/** Packages a layer may use besides its own and the layers it may import. */
const PACKAGES = {
  // Runtime-neutral: what runs unchanged in Node, a worker, a browser and the renderer.
  common: (pkg) => ["zod", "libphonenumber-js", "temporal-polyfill"].includes(pkg),
  db: (pkg) => pkg !== "electron",
  electron: () => true,
};
const RENDERER_FORBIDDEN = new Set(["electron", "better-sqlite3"]);

/** Which layers each layer may import (its own always). */
const MAY_IMPORT = {
  common: ["common"],
  db: ["common", "db"],
  electron: ["common", "db", "electron"],
  i18n: ["common", "i18n"],
  api: ["common", "i18n", "api", "ui"],
  ui: ["common", "i18n", "api", "ui"],
  feature: ["common", "i18n", "api", "ui", "feature"],
  app: ["common", "i18n", "api", "ui", "feature", "app"],
  "renderer-root": ["common", "i18n", "api", "ui", "feature", "app", "renderer-root"],
};

function packageName(spec) {
  const parts = spec.split("/");
  return spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** Why `spec`, imported from a file of layer `from`, breaks the layering; null when it does not. */
function refusal(from, file, spec) {
  const isRenderer = !["common", "db", "electron"].includes(from.name);
  if (!spec.startsWith(".")) {
    if (builtins.has(spec) || spec.startsWith("node:")) {
      if (from.name === "common") return "common/ runs everywhere: no Node modules.";
      if (isRenderer) return "The renderer cannot use Node modules; call the API.";
      return null;
    }
    const pkg = packageName(spec);
    if (isRenderer) return RENDERER_FORBIDDEN.has(pkg) ? `The renderer cannot use ${pkg}; call the API.` : null;
    return PACKAGES[from.name](pkg) ? null : `${from.name === "common" ? "common/" : "db/"} cannot use ${pkg}.`;
  }
  const target = layerOf(resolve(dirname(file), spec));
  if (!target) return from.name === "common" || isRenderer ? "Imports outside the layers (tests, build) are not allowed here." : null;
  if (!MAY_IMPORT[from.name].includes(target.name)) {
    if (isRenderer && (target.name === "db" || target.name === "electron"))
      return "The renderer reaches the data only through the API; its types come from common/.";
    return `${describe(from)} may not import ${describe(target)} (DESIGN.md: dependencies point one way).`;
  }
  if (from.name === "feature" && target.name === "feature" && target.feature !== from.feature)
    return `Features do not import each other: ${from.feature} → ${target.feature}. Share through ui/, api/ or common/, or compose in app/.`;
  return null;
}

function describe(layer) {
  if (layer.name === "feature") return `features/${layer.feature}`;
  if (["api", "ui", "i18n", "app"].includes(layer.name)) return `renderer/src/${layer.name}`;
  return `${layer.name}/`;
}

const rule = {
  meta: { type: "problem", schema: [], messages: { layer: "{{why}}", dynamic: "A computed import() hides what this file depends on: use a string literal." } },
  create(context) {
    const file = context.filename;
    const from = layerOf(file);
    if (!from) return {};
    const check = (node, source) => {
      if (!source) return;
      if (source.type !== "Literal" || typeof source.value !== "string") {
        if (from.name !== "electron" && from.name !== "db") context.report({ node, messageId: "dynamic" });
        return;
      }
      const why = refusal(from, file, source.value);
      if (why) context.report({ node, messageId: "layer", data: { why } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source),
      ExportNamedDeclaration: (node) => check(node, node.source),
      ExportAllDeclaration: (node) => check(node, node.source),
      ImportExpression: (node) => check(node, node.source),
      CallExpression: (node) => {
        if (node.callee.type === "Identifier" && node.callee.name === "require" && node.arguments.length === 1) check(node, node.arguments[0]);
      },
      // `import x = require("…")` and `typeof import("…")` in types.
      TSImportType: (node) => check(node, node.argument?.type === "TSLiteralType" ? node.argument.literal : node.argument),
      TSExternalModuleReference: (node) => check(node, node.expression),
    };
  },
};

export const layering = { rules: { layers: rule } };
