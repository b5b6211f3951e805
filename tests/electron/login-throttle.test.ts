import { describe, expect, it } from "vitest";
import { ADDRESS_THROTTLE, FREE_FAILURES, LoginThrottle, MAX_DELAY_MS } from "../../electron/api/login-throttle";

// The dispatcher-level behaviour (same envelope for unknown, wrong and throttled) is in
// tests/api/accounts.test.ts; here the delays, which would take dozens of real scrypt runs there.
describe("login throttle", () => {
  it("lets the free failures through, then doubles the delay up to the cap and no further", () => {
    const throttle = new LoginThrottle();
    let now = 1_000_000;
    for (let i = 0; i < FREE_FAILURES; i++) throttle.failed("lea", now);
    expect(throttle.blocked("lea", now)).toBe(false);
    const delays: number[] = [];
    for (let i = 0; i < 15; i++) {
      throttle.failed("lea", now);
      let delay = 0;
      while (throttle.blocked("lea", now + delay)) delay += 1_000;
      delays.push(delay);
      now += delay;
    }
    expect(delays.slice(0, 5)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
    expect(Math.max(...delays)).toBe(MAX_DELAY_MS);
    expect(delays.at(-1)).toBe(MAX_DELAY_MS);
  });

  it("keeps each name apart, forgets a name after a success, and treats unknown names alike", () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i <= FREE_FAILURES; i++) {
      throttle.failed("lea", 0);
      throttle.failed("nobody-here", 0);
    }
    expect(throttle.blocked("lea", 0)).toBe(true);
    expect(throttle.blocked("nobody-here", 0)).toBe(true);
    expect(throttle.blocked("marc", 0)).toBe(false);
    throttle.succeeded("lea");
    expect(throttle.blocked("lea", 0)).toBe(false);
  });

  it("bounds its memory under a flood of made-up names", () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i <= FREE_FAILURES; i++) throttle.failed("target", 0);
    for (let i = 0; i < 20_000; i++) throttle.failed(`made-up-${i}`, 0);
    // The oldest entry went first; the newest are still tracked.
    expect(throttle.blocked("target", 0)).toBe(false);
    for (let i = 0; i <= FREE_FAILURES; i++) throttle.failed("made-up-19999", 0);
    expect(throttle.blocked("made-up-19999", 0)).toBe(true);
  });

  it("per source address: more free failures, and forgets them after a quiet quarter of an hour, not after a success", () => {
    const throttle = new LoginThrottle(ADDRESS_THROTTLE);
    const window = ADDRESS_THROTTLE.forgetAfterMs!;
    for (let i = 0; i < ADDRESS_THROTTLE.freeFailures; i++) throttle.failed("10.0.0.7", i * 1_000);
    expect(throttle.blocked("10.0.0.7", 10_000)).toBe(false);
    throttle.failed("10.0.0.7", 10_000);
    expect(throttle.blocked("10.0.0.7", 10_000)).toBe(true);
    expect(throttle.blocked("10.0.0.7", 11_000)).toBe(false);
    expect(throttle.blocked("10.0.0.8", 10_000)).toBe(false);

    // Failures spaced wider than the window never add up.
    const patient = new LoginThrottle(ADDRESS_THROTTLE);
    for (let i = 0; i < 50; i++) patient.failed("10.0.0.9", i * (window + 1));
    expect(patient.blocked("10.0.0.9", 49 * (window + 1))).toBe(false);

    // Within the window the count keeps growing, and the delay doubles from where it was.
    throttle.failed("10.0.0.7", 11_000);
    expect(throttle.blocked("10.0.0.7", 12_500)).toBe(true);
    expect(throttle.blocked("10.0.0.7", 13_000)).toBe(false);
  });
});
