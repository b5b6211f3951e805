import { ESLint } from "eslint";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = new URL("../..", import.meta.url).pathname;
const eslint = new ESLint({ cwd: root });

/** The layering and globals findings ESLint makes on `code` as if it were the file at `filePath`. */
async function refused(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "layering/layers" || m.ruleId === "no-restricted-globals" || m.ruleId === "no-restricted-imports").map((m) => m.message);
}

/** The type errors of `code` compiled as `fileName` under a layer's tsconfig. */
function typeErrors(layer: string, fileName: string, code: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(`${root}${layer}/tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const probe = `${root}${fileName}`;
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile;
  host.readFile = (name) => (name === probe ? code : readFile(name));
  host.fileExists = (name) => name === probe || ts.sys.fileExists(name);
  host.getSourceFile = ((getSourceFile) => (name, languageVersion, ...rest) =>
    name === probe ? ts.createSourceFile(name, code, languageVersion) : getSourceFile(name, languageVersion, ...rest))(host.getSourceFile);
  const program = ts.createProgram({ rootNames: [probe], options: config.options, host });
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(probe)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("layers (DESIGN.md): what each folder may import", () => {
  it("the renderer cannot reach Node, Electron, better-sqlite3, db/ or electron/ — not by import(), export-from or import type either", async () => {
    const file = "renderer/src/features/lookup/Probe.tsx";
    expect(await refused(file, 'import { readFileSync } from "node:fs";\nreadFileSync;')).toHaveLength(1);
    expect(await refused(file, 'import { ipcRenderer } from "electron";\nipcRenderer;')).toHaveLength(1);
    expect(await refused(file, 'import Database from "better-sqlite3";\nDatabase;')).toHaveLength(1);
    expect(await refused(file, 'import { openDatabase } from "../../../../db/open";\nopenDatabase;')).toHaveLength(1);
    expect(await refused(file, 'export const search = () => import("../../../../db/search");')).toHaveLength(1);
    expect(await refused(file, 'export { searchPeople } from "../../../../db/search";')).toHaveLength(1);
    expect(await refused(file, 'export * from "../../../../db/search";')).toHaveLength(1);
    expect(await refused(file, 'import type { Registry } from "../../../../electron/api/registry";\nexport type X = Registry;')).toHaveLength(1);
    expect(await refused(file, 'const name = "db";\nexport const m = () => import(`../../../../${name}/search`);')).toHaveLength(1);
    expect(await refused(file, 'import { toE164 } from "../../../../common/phone";\nexport const x = toE164;')).toHaveLength(0);
  });

  it("a feature imports ui/, api/, i18n/ and common/, never another feature or the shell", async () => {
    const file = "renderer/src/features/people/Probe.tsx";
    expect(await refused(file, 'import { LookupScreen } from "../lookup/LookupScreen";\nLookupScreen;')).toHaveLength(1);
    expect(await refused(file, 'export { ErasurePanel } from "../privacy/ErasurePanel";')).toHaveLength(1);
    expect(await refused(file, 'import { App } from "../../app/App";\nApp;')).toHaveLength(1);
    expect(await refused(file, 'import { PageHeader } from "../../ui/PageHeader";\nimport { useApiQuery } from "../../api/queries";\nimport { CardSection } from "./CardSection";\nexport const x = [PageHeader, useApiQuery, CardSection];')).toHaveLength(0);
    expect(await refused("renderer/src/ui/Probe.tsx", 'import { LookupScreen } from "../features/lookup/LookupScreen";\nLookupScreen;')).toHaveLength(1);
  });

  it("screens call the API only through the query layer", async () => {
    expect(await refused("renderer/src/features/people/Probe.tsx", 'import { api } from "../../api/client";\nexport const x = api;')).toHaveLength(1);
    expect(await refused("renderer/src/ui/Probe.tsx", 'import { invoke } from "../api/client";\nexport const x = invoke;')).toHaveLength(1);
    expect(await refused("renderer/src/features/people/Probe.tsx", 'import { useApiQuery } from "../../api/queries";\nexport const x = useApiQuery;')).toHaveLength(0);
  });

  it("screens open dialogs through the kit (which gives the focus back), never Mantine's Modal", async () => {
    expect(await refused("renderer/src/features/people/Probe.tsx", 'import { Modal } from "@mantine/core";\nexport const x = Modal;')).toHaveLength(1);
    expect(await refused("renderer/src/app/Probe.tsx", 'import { Button, Modal } from "@mantine/core";\nexport const x = [Button, Modal];')).toHaveLength(1);
    expect(await refused("renderer/src/features/people/Probe.tsx", 'import { Button } from "@mantine/core";\nimport { Dialog } from "../../ui/Dialog";\nexport const x = [Button, Dialog];')).toHaveLength(0);
    expect(await refused("renderer/src/features/people/Probe.tsx", 'import { api } from "../../api/client";\nexport const x = api;')).toHaveLength(1);
    expect(await refused("renderer/src/ui/Probe.tsx", 'import { Modal } from "@mantine/core";\nexport const x = Modal;')).toHaveLength(0);
  });

  it("db/ cannot import Electron, the shell or the renderer, nor use a page's globals", async () => {
    const file = "db/probe.ts";
    expect(await refused(file, 'import { app } from "electron";\napp;')).toHaveLength(1);
    expect(await refused(file, 'import { registry } from "../electron/api/registry";\nregistry;')).toHaveLength(1);
    expect(await refused(file, 'import { x } from "../renderer/src/x";\nx;')).toHaveLength(1);
    expect(await refused(file, 'export const w = window.innerWidth;')).toHaveLength(1);
    expect(await refused(file, 'import { createHash } from "node:crypto";\ncreateHash;')).toHaveLength(0);
  });

  it("common/ imports no runtime: no Node, no page, no database, no Electron", async () => {
    const file = "common/probe.ts";
    expect(await refused(file, 'import { readFileSync } from "node:fs";\nreadFileSync;')).toHaveLength(1);
    expect(await refused(file, 'import { statement } from "../db/statements";\nstatement;')).toHaveLength(1);
    expect(await refused(file, 'import { api } from "../renderer/src/api/client";\napi;')).toHaveLength(1);
    expect(await refused(file, 'export const env = process.env.HOME;')).toHaveLength(1);
    expect(await refused(file, 'export const here = document.title;')).toHaveLength(1);
    expect(await refused(file, 'import { z } from "zod";\nexport const s = z.string();')).toHaveLength(0);
  });

  it("the typecheck of each layer knows only its runtime: no window in db/, no process or window in common/", () => {
    expect(typeErrors("db", "db/probe.ts", "export const w = window.innerWidth;\n").join()).toMatch(/Cannot find name 'window'/);
    expect(typeErrors("db", "db/probe.ts", 'import { statSync } from "node:fs";\nexport const s = statSync;\n')).toEqual([]);
    expect(typeErrors("common", "common/probe.ts", "export const env = process.env.HOME;\n").join()).toMatch(/Cannot find name 'process'/);
    expect(typeErrors("common", "common/probe.ts", "export const here = document.title;\n").join()).toMatch(/Cannot find name 'document'/);
    expect(typeErrors("common", "common/probe.ts", 'import { toE164 } from "./phone";\nexport const x = toE164("022 735 33 92");\n')).toEqual([]);
  });
});
