import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clampWindowState, DEFAULT_WINDOW_STATE, loadWindowState, MIN_HEIGHT, MIN_WIDTH, saveWindowState } from "../../electron/window-state";

const laptop = [{ x: 0, y: 0, width: 1440, height: 860 }];
const twoScreens = [...laptop, { x: 1440, y: 0, width: 2560, height: 1400 }];

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "jetinfo-window-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("window state", () => {
  it("starts with the defaults on first launch or from a corrupt file", () => {
    expect(loadWindowState(join(dir, "window-state.json"), laptop)).toEqual(DEFAULT_WINDOW_STATE);
    writeFileSync(join(dir, "window-state.json"), "{ not json");
    expect(loadWindowState(join(dir, "window-state.json"), laptop)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it("gives back what was saved when it still fits", () => {
    const file = join(dir, "window-state.json");
    saveWindowState(file, { x: 1500, y: 40, width: 1600, height: 1000, maximized: true });
    expect(loadWindowState(file, twoScreens)).toEqual({ x: 1500, y: 40, width: 1600, height: 1000, maximized: true });
  });

  it("drops the position of a window left on a screen that is gone", () => {
    // Saved on the second screen, which has since been unplugged.
    expect(clampWindowState({ x: 1500, y: 40, width: 1200, height: 800, maximized: false }, laptop)).toEqual({
      width: 1200,
      height: 800,
      maximized: false,
    });
    // Title bar above the top of the screen: the window could not be dragged back.
    expect(clampWindowState({ x: 10, y: -200, width: 1200, height: 800 }, laptop)).not.toHaveProperty("x");
  });

  it("keeps sizes between the minimum and the largest screen", () => {
    expect(clampWindowState({ width: 10, height: 10 }, laptop)).toMatchObject({ width: MIN_WIDTH, height: MIN_HEIGHT });
    expect(clampWindowState({ width: 99999, height: 99999 }, laptop)).toMatchObject({ width: 1440, height: 860 });
    expect(clampWindowState({ width: "wide", height: Number.NaN, maximized: "yes" }, laptop)).toEqual(DEFAULT_WINDOW_STATE);
  });
});
