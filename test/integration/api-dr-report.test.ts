// The demand-response report over HTTP: the hand-worked figures of the recorded scenario, per event and as a list,
// for viewers only, with precise errors for bad input.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DR_EVENT, DR_EXPECTED, DR_NOW_MS, seedDrScenario } from "../contracts/dr-scenario.js";
import { type Harness, startHarness } from "./api-harness.js";

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await seedDrScenario(h.store);
  h.site.testClock.ms = DR_NOW_MS;
});

afterAll(async () => {
  await h?.close();
});

describe("GET /api/reports/demand-response", () => {
  it("gives one event's baseline, delivered reduction, compliance and latency", async () => {
    const r = await h.request("GET", `/api/reports/demand-response/${encodeURIComponent(DR_EVENT.id)}`, {
      as: "viewer",
    });
    expect(r.statusCode).toBe(200);
    const p = r.json();
    expect(p.eventId).toBe(DR_EVENT.id);
    expect(p.capW).toBe(1_200_000);
    expect(p.toleranceW).toBe(10_000);
    expect(p.baseline.method).toBe("high-x-of-y");
    expect(
      p.baseline.days.filter((d: { used: boolean }) => d.used).map((d: { date: string }) => d.date),
    ).toEqual(DR_EXPECTED.usedDates);
    expect(p.baseline.adjustmentW).toBeCloseTo(DR_EXPECTED.adjustmentW, 3);
    expect(p.slots).toHaveLength(4);
    expect(p.compliancePct).toBeCloseTo(DR_EXPECTED.compliancePct, 6);
    expect(p.capHeldPct).toBeCloseTo(DR_EXPECTED.capHeldPct, 6);
    expect(p.responseLatencyMs).toBe(10_000);
    expect(p.decisionLatencyMs).toBe(0);
  });

  it("lists the events that started in the period, the other day's event included", async () => {
    const r = await h.request("GET", "/api/reports/demand-response", { as: "viewer" });
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.events.map((e: { eventId: string }) => e.eventId)).toEqual(["tso:04-06", DR_EVENT.id]);
    const narrow = await h.request(
      "GET",
      `/api/reports/demand-response?sinceMs=${DR_EVENT.startMs - 3_600_000}&untilMs=${DR_NOW_MS}`,
      { as: "viewer" },
    );
    expect(narrow.json().events.map((e: { compliancePct: number }) => e.compliancePct)).toEqual([
      expect.closeTo(DR_EXPECTED.compliancePct, 6),
    ]);
  });

  it("needs a login, names a bad id, and says when an event is unknown", async () => {
    expect((await h.request("GET", "/api/reports/demand-response", { as: "anonymous" })).statusCode).toBe(
      401,
    );
    const bad = await h.request("GET", "/api/reports/demand-response/a%20b", { as: "viewer" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe("params.eventId");
    const unknown = await h.request("GET", "/api/reports/demand-response/nope", { as: "viewer" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe("no event nope on record");
    const reversed = await h.request("GET", "/api/reports/demand-response?sinceMs=10&untilMs=5", {
      as: "viewer",
    });
    expect(reversed.statusCode).toBe(400);
  });

  it("is described in the OpenAPI document", async () => {
    const doc = (await h.request("GET", "/openapi.json")).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/reports/demand-response", "/api/reports/demand-response/{eventId}"]),
    );
  });
});
