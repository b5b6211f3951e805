import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDateTime, readSwissDateTime } from "../../common/geneva-time";
import { readDateTime } from "../../renderer/src/features/reports/DateTimeField";
import { openTestApi } from "../fixtures/database";

/*
 * Issue 13 §1, through the real dispatcher: the log-call form (readSwissDateTime) and the report's
 * call-back field (readDateTime) send the same moment for the same text, the server shows it back
 * as typed, and "call-backs due today" ends at Geneva's midnight on a 23-hour day.
 */

let api: ReturnType<typeof openTestApi>;
let admin: string;
let agent: string;
let support: string;
let personId: number;
let productId: number;

beforeAll(async () => {
  api = openTestApi(); // the clock reads 25.11.2026 10:00 in Geneva
  admin = (await api.admin()).sessionId;
  agent = await api.loginAs("agent", admin);
  support = await api.loginAs("support", admin);
  personId = (await api.ok<any>("people.create", { firstName: "Léa", lastName: "Rochat", phones: [{ number: "022 735 33 92" }] }, agent)).id;
  productId = (await api.ok<any>("products.save", { name: "JetCompta", versions: ["5.2"] }, admin)).id;
});
afterAll(() => api.cleanup());

/** What the log-call form sends for a typed time: an instant, or nothing when it refuses. */
const logCallForm = (text: string) => {
  const reading = readSwissDateTime(text);
  return reading.ok ? reading.at : null;
};
/** What the call-back field sends: an instant, or nothing when it refuses. */
const callbackField = (text: string) => {
  const read = readDateTime(text);
  return typeof read === "number" ? read : null;
};

describe("the log-call form and the call-back field", () => {
  it("both refuse a time Geneva skips", () => {
    expect(logCallForm("29.03.2026 02:30")).toBeNull();
    expect(callbackField("29.03.2026 02:30")).toBeNull();
  });

  it("send the same moment for a repeated time, which the server shows back as typed", async () => {
    const at = logCallForm("25.10.2026 02:30");
    expect(at).not.toBeNull();
    expect(callbackField("25.10.2026 02:30")).toBe(at);
    await api.ok("interactions.log", { personId, channel: "call_in", purpose: "information", summary: "", at }, agent);
    const logged = await api.ok<any[]>("interactions.list", { personId }, agent);
    expect(logged.map((i) => i.at)).toContain(at);
    expect(formatDateTime(at!)).toBe("25.10.2026 02:30");
  });
});

describe("call-backs due today", () => {
  it("end at Geneva's midnight on the day the clocks go forward", async () => {
    // Both typed in the call-back field before that night.
    const lateThatDay = callbackField("28.03.2027 23:30");
    const nextDay = callbackField("29.03.2027 00:30");
    for (const callbackBefore of [lateThatDay, nextDay]) {
      await api.ok("reports.create", { personId, productId, title: `Rappel ${formatDateTime(callbackBefore!)}`, callbackConsent: true, callbackPhone: "022 735 33 92", callbackBefore }, agent);
    }
    // 28.03.2027 01:30 in Geneva, before the change at 02:00: the day has 23 hours.
    api.advance(Date.UTC(2027, 2, 28, 0, 30) - api.now());
    const desk = api.logInAgain(support);
    const due = await api.ok<any[]>("reports.callbacksDue", {}, desk);
    expect(due.map((r) => r.nextCallbackAt)).toEqual([lateThatDay]);
  });
});
