import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: new URL("../..", import.meta.url).pathname });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("import boundaries (DESIGN.md layers)", () => {
  it("the renderer cannot import Node, Electron, better-sqlite3 or runtime code from db/ and electron/", async () => {
    const file = "renderer/src/features/lookup/Probe.tsx";
    expect(await restricted(file, 'import { readFileSync } from "node:fs";\nreadFileSync;')).toHaveLength(1);
    expect(await restricted(file, 'import { ipcRenderer } from "electron";\nipcRenderer;')).toHaveLength(1);
    expect(await restricted(file, 'import Database from "better-sqlite3";\nDatabase;')).toHaveLength(1);
    expect(await restricted(file, 'import { openDatabase } from "../../../../db/open";\nopenDatabase;')).toHaveLength(1);
    expect(await restricted(file, 'import { registry } from "../../../../electron/api/registry";\nregistry;')).toHaveLength(1);
    expect(await restricted(file, 'import type { ApiClient } from "../../../../electron/api/client";\nexport type X = ApiClient;')).toHaveLength(0);
  });

  it("db/ cannot import Electron, the shell or the renderer", async () => {
    const file = "db/probe.ts";
    expect(await restricted(file, 'import { app } from "electron";\napp;')).toHaveLength(1);
    expect(await restricted(file, 'import { registry } from "../electron/api/registry";\nregistry;')).toHaveLength(1);
    expect(await restricted(file, 'import { x } from "../renderer/src/x";\nx;')).toHaveLength(1);
    expect(await restricted(file, 'import { createHash } from "node:crypto";\ncreateHash;')).toHaveLength(0);
  });
});
