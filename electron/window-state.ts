import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export const WINDOW_STATE_FILE = "window-state.json";

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Size and place of the main window; no position means "let the system centre it". */
export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const MIN_WIDTH = 900;
export const MIN_HEIGHT = 600;
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };

/** How much of the title bar must stay on a screen for the saved position to be reused. */
const VISIBLE_MARGIN = 80;

/**
 * Turns whatever is in the file (hand-edited, from a bigger monitor since unplugged, corrupt) into
 * a window that fits and can be grabbed: sizes between the minimum and the largest screen, and the
 * saved position only if the top of the window is still on one of the screens.
 */
export function clampWindowState(raw: unknown, workAreas: readonly Rect[]): WindowState {
  const saved = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const maxWidth = Math.max(MIN_WIDTH, ...workAreas.map((a) => a.width));
  const maxHeight = Math.max(MIN_HEIGHT, ...workAreas.map((a) => a.height));
  const width = clamp(finite(saved.width) ?? DEFAULT_WINDOW_STATE.width, MIN_WIDTH, maxWidth);
  const height = clamp(finite(saved.height) ?? DEFAULT_WINDOW_STATE.height, MIN_HEIGHT, maxHeight);
  const state: WindowState = { width, height, maximized: saved.maximized === true };

  const x = finite(saved.x);
  const y = finite(saved.y);
  if (x !== undefined && y !== undefined && workAreas.some((area) => titleBarVisible({ x, y, width, height }, area))) {
    state.x = x;
    state.y = y;
  }
  return state;
}

export function loadWindowState(file: string, workAreas: readonly Rect[]): WindowState {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    // First launch or an unreadable file: the defaults are a fine window.
    raw = undefined;
  }
  return clampWindowState(raw, workAreas);
}

/** Written to a temporary file then renamed, so a crash mid-write leaves the previous state. */
export function saveWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(temporary, file);
}

function finite(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? Math.round(value) : undefined;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function titleBarVisible(window: Rect, area: Rect): boolean {
  const overlapX = Math.min(window.x + window.width, area.x + area.width) - Math.max(window.x, area.x);
  return overlapX >= VISIBLE_MARGIN && window.y >= area.y && window.y <= area.y + area.height - VISIBLE_MARGIN;
}
