// `npm run bench -- login`: how long a refused login takes through the real dispatcher, for an
// unknown name, a wrong password and a throttled account. The three should be indistinguishable
// (one scrypt run each, N=2^17); the figures are printed, nothing asserts on them.
import { createDispatcher } from "../../electron/api/dispatcher";
import type { Operation } from "../../electron/api/operation";
import { registry } from "../../electron/api/registry";
import { openTestDb } from "../fixtures/database";
import { percentiles } from "./measure";

export async function benchLogin(rounds: number) {
  const db = openTestDb();
  let clock = Date.UTC(2026, 10, 25, 9, 0, 0);
  const { dispatch } = createDispatcher(registry as unknown as Record<string, Operation>, { db, now: () => clock });
  try {
    await dispatch("setup.createAdmin", { username: "admin", displayName: "Bench Admin", password: "correct horse battery" });
    const admin = (await dispatch("session.login", { username: "admin", password: "correct horse battery" })) as { ok: true; value: { sessionId: string } };
    for (const username of ["known", "throttled"]) {
      await dispatch("users.create", { username, displayName: username, role: "agent", password: "password-1234" }, { sessionId: admin.value.sessionId });
    }
    const cases: Record<string, () => Promise<unknown>> = {
      // A new name each time, so the throttle never applies: the plain "no such account" path.
      unknownName: () => dispatch("session.login", { username: `nobody${Math.random().toString(36).slice(2, 10)}`, password: "correct horse battery" }),
      // Each round starts past any delay: the password is really checked.
      wrongPassword: () => dispatch("session.login", { username: "known", password: "wrong horse battery" }),
      // Right after a failure: refused without looking at the password, even the right one.
      throttled: () => dispatch("session.login", { username: "throttled", password: "password-1234" }),
    };
    const samples: Record<string, number[]> = { unknownName: [], wrongPassword: [], throttled: [] };
    const answers: Record<string, string> = {};
    // Interleaved, so a busy moment on the machine falls on all three alike.
    for (let round = 0; round < rounds; round++) {
      clock += 10 * 60_000;
      // Untimed: keeps "throttled" past its free failures and inside a fresh delay for this round.
      for (let i = 0; i < (round === 0 ? 4 : 1); i++) await dispatch("session.login", { username: "throttled", password: `guess-${i}` });
      for (const [name, run] of Object.entries(cases)) {
        const started = process.hrtime.bigint();
        const answer = (await run()) as { ok: boolean; error?: unknown };
        samples[name]!.push(Number(process.hrtime.bigint() - started) / 1e6);
        answers[name] = JSON.stringify(answer.ok ? "ok" : answer.error);
      }
    }
    return {
      rounds,
      ms: Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, percentiles(s)])),
      sameAnswer: new Set(Object.values(answers)).size === 1,
      answer: JSON.parse(answers.unknownName ?? "null") as unknown,
    };
  } finally {
    db.cleanup();
  }
}
