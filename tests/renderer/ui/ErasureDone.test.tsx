import { describe, expect, test } from "vitest";
import { ErasureDone } from "../../../renderer/src/features/privacy/ErasurePanel";
import type { ErasureResult } from "../../../renderer/src/features/privacy/privacyTypes";
import { fakeServer, pause, renderUi } from "./harness";

// The erasure's done screen: what it tells the agent about the clean-up after the commit, learnt
// from the erasure's answer and the status it asks for — a desk's journal, or a PostgreSQL server's
// vacuum and what keeps bytes there until overwritten or expired.

const erased = { requestId: 7, personId: 42, counts: { people: 1, phones: 2, emails: 1 }, backupsHeldUntil: "2026-12-25" };

describe("the erasure's done screen", () => {
  test("on a PostgreSQL server: unreachable at once, vacuumed once the status says so, and what still holds bytes", async () => {
    const server = fakeServer();
    const result: ErasureResult = { ...erased, cleanup: "vacuum", done: false };
    const screen = await renderUi(<ErasureDone result={result} onClose={() => {}} />);
    await expect.element(screen.getByText(/no query and no index finds the person any more, on any desk/)).toBeVisible();
    await expect.element(screen.getByText(/freed pages of the tables and indexes, WAL segments, base backups and WAL archives keep bytes/)).toBeVisible();
    // IT's backups, not the app's: no date the app cannot know.
    expect(screen.container.textContent).not.toContain("25.12.2026");
    const status = screen.getByTestId("erasure-vacuum");
    await expect.element(status).toHaveTextContent(/being vacuumed/);
    (await server.called("privacy.erasureStatus", { requestId: 7 })).answer({ requestId: 7, cleanup: "vacuum", done: true });
    await expect.element(status).toHaveTextContent(/were vacuumed \(VACUUM\)/);
  });

  test("on a PostgreSQL server without the owner's connection: says the tables were not vacuumed, and asks nothing", async () => {
    const server = fakeServer();
    const result: ErasureResult = { ...erased, cleanup: "vacuum", done: false, vacuumFailed: "no_owner" };
    const screen = await renderUi(<ErasureDone result={result} onClose={() => {}} />);
    await expect.element(screen.getByTestId("erasure-vacuum")).toHaveTextContent(/not vacuumed: the server was started without the database owner's connection \(--database-owner\)/);
    await pause(100);
    expect(server.calls.map((call) => call.name)).toEqual([]);
  });

  test("on a desk's SQLite file: the journal, and the app's own backups with their date", async () => {
    const server = fakeServer();
    const result: ErasureResult = { ...erased, cleanup: "wal", walEmptied: false, done: false };
    const screen = await renderUi(<ErasureDone result={result} onClose={() => {}} />);
    await expect.element(screen.getByText(/Earlier backups may hold this data until 25\.12\.2026/)).toBeVisible();
    const journal = screen.getByTestId("erasure-wal");
    await expect.element(journal).toHaveTextContent(/still holds traces/);
    (await server.called("privacy.erasureStatus", { requestId: 7 })).answer({ requestId: 7, cleanup: "wal", walEmptied: true, done: true });
    await expect.element(journal).toHaveTextContent(/was emptied/);
    expect(screen.container.textContent).not.toContain("VACUUM");
  });
});
