import { runInNewContext } from "node:vm";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

/** The preload exactly as build/bundle.mjs builds it. */
async function bundlePreload(): Promise<string> {
  const result = await build({
    entryPoints: ["electron/preload.ts"],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["electron"],
    write: false,
    logLevel: "silent",
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error("esbuild produced no output");
  return file.text;
}

/**
 * Runs the bundle the way a sandboxed preload runs: a bare context whose `require` knows only
 * `electron`, with an ipcRenderer that fails on anything but `invoke`.
 */
function runPreload(code: string) {
  const exposed = new Map<string, unknown>();
  const invokes: unknown[][] = [];
  const touched: string[] = [];
  const ipcRenderer = new Proxy(
    { invoke: (...args: unknown[]) => (invokes.push(args), Promise.resolve({ ok: true, value: null })) },
    {
      get(target, key) {
        touched.push(String(key));
        if (key !== "invoke") throw new Error(`preload touched ipcRenderer.${String(key)}`);
        return target.invoke;
      },
    },
  );
  const electron = { contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) }, ipcRenderer };
  const required: string[] = [];
  const module = { exports: {} };
  const require = (name: string) => {
    required.push(name);
    if (name !== "electron") throw new Error(`module not found: ${name}`);
    return electron;
  };
  runInNewContext(code, { require, module, exports: module.exports });
  return { exposed, invokes, required, touched };
}

describe("preload bundle", () => {
  it("is one CommonJS file whose only require is electron", async () => {
    const code = await bundlePreload();
    const requires = [...code.matchAll(/\brequire\s*\(\s*(["'`])([^"'`]*)\1\s*\)/g)].map((m) => m[2]);
    expect(new Set(requires)).toEqual(new Set(["electron"]));
    expect(code).not.toMatch(/\bimport\s*\(/);
    expect(code).not.toMatch(/\bprocess\./);
  });

  it("exposes window.crm with invoke and nothing else, sending on the one channel", async () => {
    const { exposed, invokes, required } = runPreload(await bundlePreload());
    expect(required).toEqual(["electron"]);
    expect([...exposed.keys()]).toEqual(["crm"]);
    const crm = exposed.get("crm") as Record<string, unknown>;
    expect(Object.keys(crm)).toEqual(["invoke"]);
    expect(typeof crm.invoke).toBe("function");

    await (crm.invoke as (name: string, input: unknown) => Promise<unknown>)("people.search", { q: "022 735 33 92" });
    expect(invokes).toEqual([["crm:invoke", "people.search", { q: "022 735 33 92" }]]);
  });

  it("never hands ipcRenderer itself to the page", async () => {
    const { exposed, touched } = runPreload(await bundlePreload());
    const crm = exposed.get("crm") as Record<string, unknown>;
    for (const value of Object.values(crm)) expect(typeof value).toBe("function");
    // Reading the module's invoke at call time is the only access; no listener is ever registered.
    expect(touched.every((key) => key === "invoke")).toBe(true);
  });
});
