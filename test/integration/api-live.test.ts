// The live side of the API over a real socket: the SSE stream, /metrics, telemetry recorded per tick and read back
// through history and reports, and the audit trail of operator actions.
import { get } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TickRecorder } from "../../src/api/index.js";
import { type Harness, startHarness } from "./api-harness.js";

let h: Harness;
let base: string;
beforeAll(async () => {
  h = await startHarness();
  base = await h.api.listen("127.0.0.1", 0);
});
afterAll(async () => {
  await h.close();
});

/** Opens the stream and collects `count` events. */
function readEvents(
  cookie: string,
  count: number,
  onOpen: () => void,
): Promise<{
  status: number;
  type: string;
  encoding: string | undefined;
  events: { event: string; data: unknown }[];
}> {
  return new Promise((resolve, reject) => {
    // Asked the way browsers ask: the stream must still come uncompressed, event by event.
    const req = get(
      `${base}/api/stream`,
      { headers: { cookie, "accept-encoding": "gzip, deflate, br" } },
      (res) => {
        const events: { event: string; data: unknown }[] = [];
        let buffer = "";
        res.setEncoding("utf8");
        onOpen();
        res.on("data", (chunk: string) => {
          buffer += chunk;
          let i = buffer.indexOf("\n\n");
          while (i >= 0) {
            const block = buffer.slice(0, i);
            buffer = buffer.slice(i + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (event !== undefined && data !== undefined) events.push({ event, data: JSON.parse(data) });
            if (events.length >= count) {
              req.destroy();
              resolve({
                status: res.statusCode ?? 0,
                type: String(res.headers["content-type"]),
                encoding: res.headers["content-encoding"],
                events,
              });
              return;
            }
            i = buffer.indexOf("\n\n");
          }
        });
      },
    );
    req.on("error", reject);
    setTimeout(() => reject(new Error("no events in time")), 5000).unref();
  });
}

describe("live stream", () => {
  it("sends the last tick on connect, then every tick, as server-sent events", async () => {
    h.site.tick(1_000_000);
    const got = await readEvents(h.cookie.viewer, 3, () => {
      setTimeout(() => {
        h.site.testClock.advance(5000);
        h.site.tick(1_500_000);
        h.site.testClock.advance(5000);
        h.site.tick(2_000_000);
      }, 50);
    });
    expect(got.status).toBe(200);
    expect(got.type).toContain("text/event-stream");
    expect(got.encoding).toBeUndefined();
    expect(got.events.map((e) => [e.event, (e.data as { targetPowerW: number }).targetPowerW])).toEqual([
      ["tick", 1_000_000],
      ["tick", 1_500_000],
      ["tick", 2_000_000],
    ]);
    expect(got.events[2]?.data).toMatchObject({
      site: "Test site",
      units: { total: 4 },
      surplusW: 2_000_000,
      priceJpyPerKwh: 11.5,
    });
    // The listener went away with the connection.
    await new Promise((r) => setTimeout(r, 50));
    expect(h.site.bus.size).toBeLessThanOrEqual(1);
  });

  it("compresses large JSON answers for clients that accept it, and only for them", async () => {
    const fetchRaw = (encoding: string | undefined) =>
      new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
        const headers: Record<string, string> = { cookie: h.cookie.viewer };
        if (encoding) headers["accept-encoding"] = encoding;
        get(`${base}/openapi.json`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () =>
            resolve({ encoding: res.headers["content-encoding"], body: Buffer.concat(chunks) }),
          );
        }).on("error", reject);
      });
    const plain = await fetchRaw(undefined);
    const gzip = await fetchRaw("gzip");
    const br = await fetchRaw("br, gzip");
    const brOnly = await fetchRaw("br");
    expect(plain.encoding).toBeUndefined();
    expect(gzip.encoding).toBe("gzip");
    expect(br.encoding).toBe("gzip");
    expect(brOnly.encoding).toBeUndefined();
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    expect(gunzipSync(br.body).equals(plain.body)).toBe(true);
    expect(brOnly.body.equals(plain.body)).toBe(true);
    expect(gzip.body.length).toBeLessThan(plain.body.length / 4);
  });

  it("needs a login", async () => {
    const status = await new Promise<number>((resolve) =>
      get(`${base}/api/stream`, (res) => resolve(res.statusCode ?? 0)),
    );
    expect(status).toBe(401);
  });
});

describe("/metrics", () => {
  it("exposes site, unit, signal and control-loop series with values", async () => {
    h.site.tick(2_500_000);
    const r = await h.request("GET", "/metrics", { as: "viewer" });
    expect(r.statusCode).toBe(200);
    expect(r.headers["content-type"]).toContain("text/plain");
    const text = r.body;
    const value = (series: string) => {
      const line = text.split("\n").find((l) => l.startsWith(series));
      return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
    };
    expect(value('gridminer_site_power_watts{quantity="target",site="Test site"}')).toBe(2_500_000);
    expect(value('gridminer_site_power_watts{quantity="measured",site="Test site"}')).toBe(2_501_000);
    expect(value('gridminer_site_power_watts{quantity="reported"')).toBeGreaterThan(0);
    expect(value("gridminer_site_hashrate_terahashes_per_second")).toBe(960);
    expect(value('gridminer_units{state="hashing"')).toBe(2);
    expect(value('gridminer_unit_power_watts{unit="127.0.60.1:4028"')).toBe(8064);
    expect(value('gridminer_unit_hashrate_terahashes_per_second{unit="127.0.60.1:4028"')).toBe(480);
    expect(value('gridminer_unit_coolant_outlet_celsius{unit="127.0.60.1:4028"')).toBe(48);
    expect(value('gridminer_unit_state{unit="127.0.60.2:4028",state="sleeping"')).toBe(1);
    expect(value('gridminer_signal_value{signal="surplus_w"')).toBe(2_000_000);
    expect(value('gridminer_signal_value{signal="energy_price_jpy_per_kwh"')).toBe(11.5);
    expect(value('gridminer_signal_age_seconds{signal="surplus_w"')).toBe(0);
    expect(value('gridminer_signal_ok{signal="surplus_w"')).toBe(1);
    expect(value('gridminer_ticks_total{trigger="timer"')).toBeGreaterThanOrEqual(1);
    expect(value('gridminer_commands_total{action="wake",result="acknowledged"')).toBeGreaterThanOrEqual(1);
    expect(value("gridminer_tick_poll_seconds_count")).toBeGreaterThanOrEqual(1);
    expect(text).toContain("gridminer_tick_duration_seconds_bucket");
    expect(value("gridminer_last_tick_timestamp_seconds")).toBe(h.site.clock.nowMs() / 1000);
  });
});

describe("recorded telemetry", () => {
  it("stores each tick and serves it as history and as an energy report", async () => {
    const recorder = new TickRecorder(h.store, h.site, { unitSampleMs: 0, maxBacklog: 100 });
    recorder.start();
    const startMs = h.site.clock.nowMs();
    for (let i = 0; i < 12; i++) {
      h.site.testClock.advance(5000);
      h.site.tick(1_000_000);
    }
    await recorder.stop();
    await h.store.appendDecision({
      atMs: startMs + 1,
      targetPowerW: 1,
      previousTargetPowerW: null,
      windowMinW: 0,
      windowMaxW: 1,
      measuredPowerW: null,
      reasons: [],
      commands: [{ unitId: "127.0.60.1:4028", action: "wake" }],
    });
    const q = `sinceMs=${startMs}&untilMs=${h.site.clock.nowMs()}`;
    const hist = (await h.request("GET", `/api/history/site?${q}`, { as: "viewer" })).json() as {
      resolution: string;
      points: unknown[];
    };
    expect(hist.resolution).toBe("raw");
    expect(hist.points).toHaveLength(12);
    const unit = (
      await h.request("GET", `/api/units/127.0.60.1:4028/history?${q}`, { as: "viewer" })
    ).json() as { points: { powerW: number }[] };
    expect(unit.points).toHaveLength(12);
    expect(unit.points[0]?.powerW).toBe(8064);
    const report = (await h.request("GET", `/api/reports/energy?${q}`, { as: "viewer" })).json() as Record<
      string,
      number
    >;
    // Eleven 5-second intervals plus the last sample, whose interval ends at untilMs: 55 s at 1.001 MW metered.
    expect(report.coveredS).toBe(55);
    expect(report.energyKwh).toBeCloseTo((1_001_000 * 55) / 3.6e6, 6);
    expect(report.greenShare).toBeCloseTo(1, 9);
    expect(report.decisions).toBe(1);
    expect(report.commands).toBe(1);
    const decisions = (await h.request("GET", `/api/decisions?${q}`, { as: "viewer" })).json() as {
      decisions: unknown[];
    };
    expect(decisions.decisions).toHaveLength(1);
  });
});

describe("audit trail", () => {
  it("records who did what, when, from where and how it ended", async () => {
    const at = h.site.clock.nowMs();
    const shed = await h.request("POST", "/api/overrides", {
      as: "operator",
      body: { kind: "shed", durationS: 900, note: "storm" },
    });
    expect(shed.statusCode).toBe(201);
    await h.request("POST", "/api/units/127.0.60.3:4028/sleep", { as: "operator", body: {} });
    await h.request("POST", "/api/units/127.0.60.3:4028/wake", { as: "admin", body: {} });
    h.site.refuseModes = true;
    const refused = await h.request("POST", "/api/units/127.0.60.1:4028/mode", {
      as: "operator",
      body: { mode: 2 },
    });
    h.site.refuseModes = false;
    expect(refused.statusCode).toBe(502);
    const entries = await h.store.audit.list({ sinceMs: at });
    const ops = entries.filter((e) => e.action.startsWith("override.") || e.action.startsWith("unit."));
    expect(ops.map((e) => [e.actor, e.action, e.target, e.result])).toEqual([
      ["operator", "override.shed", null, "ok"],
      ["operator", "unit.sleep", "127.0.60.3:4028", "ok"],
      ["admin", "unit.wake", "127.0.60.3:4028", "ok"],
      ["operator", "unit.mode", "127.0.60.1:4028", "failed"],
    ]);
    expect(ops[0]).toMatchObject({
      atMs: at,
      remoteAddress: "127.0.0.1",
      detail: { kind: "shed", durationS: 900, note: "storm" },
    });
    expect(ops[3]?.detail).toMatchObject({
      mode: 2,
      status: 502,
      error: expect.stringContaining("calibrating"),
    });
    const viaApi = (await h.request("GET", "/api/audit?actor=operator", { as: "admin" })).json() as {
      entries: { action: string }[];
    };
    expect(viaApi.entries.map((e) => e.action)).toContain("unit.sleep");
  });

  it("puts overrides through the signal hub, where the dispatcher sees them", async () => {
    const nowMs = h.site.clock.nowMs();
    await h.request("POST", "/api/overrides", { as: "operator", body: { kind: "release", durationS: 60 } });
    const r = await h.request("POST", "/api/overrides", {
      as: "operator",
      body: { kind: "cap", maxW: 1_234_000, durationS: 60 },
    });
    const id = (r.json() as { id: string }).id;
    const inForce = () => h.site.hub.read(h.site.clock.nowMs()).overrides;
    expect(inForce().some((o) => o.id === id && o.kind === "cap")).toBe(true);
    await h.request("POST", "/api/units/127.0.60.4:4028/sleep", { as: "operator", body: { durationS: 60 } });
    const lifted = await h.request("DELETE", `/api/overrides/${id}`, { as: "operator" });
    expect(lifted.statusCode).toBe(200);
    const { effectiveOverrides } = await import("../../src/core/rules/operator-override.js");
    h.site.testClock.advance(5);
    const effective = effectiveOverrides(inForce(), h.site.clock.nowMs());
    expect(effective.map((o) => o.kind)).toEqual(["unit-off"]);
    const listed = (await h.request("GET", "/api/overrides", { as: "viewer" })).json() as {
      active: { kind: string; issuedAtMs: number }[];
    };
    expect(listed.active.map((o) => o.kind)).toEqual(["release", "unit-off"]);
    expect(listed.active[0]?.issuedAtMs).toBeGreaterThanOrEqual(nowMs);
  });
});
