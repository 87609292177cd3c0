import { afterEach, describe, expect, it } from "vitest";
import type { GridEvent, OperatorOverride } from "../../src/domain/signals.js";
import { checkRetention, DEFAULT_RETENTION, type RetentionPolicy } from "../../src/store/retention.js";
import type { DecisionRecord, SiteSample, Store, UnitSample } from "../../src/store/store.js";
import { runDrPerformanceContract } from "./dr-performance.contract.js";
import { runStoreAuthContract } from "./store-auth.contract.js";

// Every Store implementation runs this suite: SQLite in memory and on file, PostgreSQL in a fresh schema.
export type StoreFactory = () => Promise<Store>;

const T0 = Date.UTC(2026, 3, 1, 0, 0, 0);
const MIN = 60_000;
const DAY = 86_400_000;

function record(atMs: number, targetPowerW: number): DecisionRecord {
  return {
    atMs,
    targetPowerW,
    previousTargetPowerW: targetPowerW - 8064,
    windowMinW: 0,
    windowMaxW: 4_500_000,
    measuredPowerW: null,
    reasons: [{ rule: "surplus", effect: "max 1,000,000 W", detail: "surplus 1.00 MW" }],
    commands: [{ unitId: "127.0.1.1:4028", action: "sleep", acknowledged: true, confirmed: true }],
  };
}

function site(atMs: number, powerW: number, over: Partial<SiteSample> = {}): SiteSample {
  return {
    atMs,
    targetPowerW: powerW,
    plannedPowerW: powerW,
    reportedPowerW: powerW,
    measuredPowerW: null,
    surplusW: 2_000_000,
    priceJpyPerKwh: null,
    hashrateThs: powerW / 16.7,
    unitsHashing: Math.round(powerW / 8064),
    ...over,
  };
}

function unit(atMs: number, unitId: string, hashing: boolean): UnitSample {
  return {
    atMs,
    unitId,
    state: hashing ? "hashing" : "sleeping",
    powerW: hashing ? 8000 : 30,
    hashrateThs: hashing ? 480 : 0,
    coolantOutletC: hashing ? 50 : null,
  };
}

const SHORT: RetentionPolicy = {
  site: { rawMs: 30 * MIN, minuteMs: 2 * 60 * MIN, quarterMs: 30 * DAY },
  unit: { rawMs: 30 * MIN, minuteMs: 2 * 60 * MIN, quarterMs: null },
};

export function runStoreContract(name: string, create: StoreFactory): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store | undefined;
    const open = async () => {
      store = await create();
      return store;
    };
    afterEach(async () => {
      await store?.close();
      store = undefined;
    });

    it("has applied every migration", async () => {
      const s = await open();
      expect(await s.schemaVersions()).toEqual([1, 2]);
    });

    it("returns decisions oldest first with their reasons and commands intact", async () => {
      const s = await open();
      const id1 = await s.appendDecision(record(T0 + 2_000, 16_128));
      const id2 = await s.appendDecision(record(T0 + 1_000, 8_064));
      expect(id2).toBeGreaterThan(id1);
      const all = await s.listDecisions();
      expect(all.map((d) => d.atMs)).toEqual([T0 + 1_000, T0 + 2_000]);
      expect(all[1]?.reasons).toEqual([
        { rule: "surplus", effect: "max 1,000,000 W", detail: "surplus 1.00 MW" },
      ]);
      expect(all[1]?.commands[0]).toEqual({
        unitId: "127.0.1.1:4028",
        action: "sleep",
        acknowledged: true,
        confirmed: true,
      });
      expect(all[1]?.measuredPowerW).toBeNull();
      expect(all[1]?.previousTargetPowerW).toBe(16_128 - 8064);
    });

    it("filters decisions by time and keeps the newest when limited", async () => {
      const s = await open();
      for (let i = 1; i <= 10; i++) await s.appendDecision(record(T0 + i * 1000, i));
      const since = await s.listDecisions({ sinceMs: T0 + 8_000 });
      expect(since.map((d) => d.targetPowerW)).toEqual([8, 9, 10]);
      expect((await s.listDecisions({ limit: 2 })).map((d) => d.targetPowerW)).toEqual([9, 10]);
      const between = await s.listDecisions({ sinceMs: T0 + 3_000, untilMs: T0 + 4_000 });
      expect(between.map((d) => d.atMs)).toEqual([T0 + 3_000, T0 + 4_000]);
    });

    it("keeps site telemetry per tick, nulls as nulls, and replaces a sample written twice", async () => {
      const s = await open();
      await s.telemetry.appendSite(site(T0, 1_000_000, { priceJpyPerKwh: 12.5 }));
      await s.telemetry.appendSite(site(T0 + 5_000, 2_000_000));
      await s.telemetry.appendSite(site(T0 + 5_000, 2_500_000));
      const points = await s.telemetry.site({ resolution: "raw" });
      expect(
        points.map((p) => [p.atMs, p.targetPowerW, p.priceJpyPerKwh, p.measuredPowerW, p.samples]),
      ).toEqual([
        [T0, 1_000_000, 12.5, null, 1],
        [T0 + 5_000, 2_500_000, null, null, 1],
      ]);
      expect(await s.telemetry.site({ resolution: "raw", sinceMs: T0 + 1 })).toHaveLength(1);
      expect((await s.telemetry.site({ resolution: "raw", limit: 1 }))[0]?.atMs).toBe(T0 + 5_000);
    });

    it("keeps unit telemetry per unit", async () => {
      const s = await open();
      await s.telemetry.appendUnits([unit(T0, "a:4028", true), unit(T0, "b:4028", false)]);
      await s.telemetry.appendUnits([unit(T0 + 5_000, "a:4028", false)]);
      const a = await s.telemetry.unit("a:4028", { resolution: "raw" });
      expect(a.map((p) => [p.atMs, p.state, p.powerW, p.coolantOutletC])).toEqual([
        [T0, "hashing", 8000, 50],
        [T0 + 5_000, "sleeping", 30, null],
      ]);
      expect(await s.telemetry.unit("c:4028", { resolution: "raw" })).toEqual([]);
    });

    it("rolls site telemetry up into 1- and 15-minute averages, idempotently", async () => {
      const s = await open();
      // 40 minutes at 5 s: 1 MW in the first 20 minutes, 3 MW after; a price only in the second half.
      for (let t = 0; t < 40 * MIN; t += 5_000) {
        const late = t >= 20 * MIN;
        await s.telemetry.appendSite(
          site(T0 + t, late ? 3_000_000 : 1_000_000, late ? { priceJpyPerKwh: 10 } : {}),
        );
      }
      const nowMs = T0 + 40 * MIN + 1;
      const first = await s.telemetry.compact(nowMs, DEFAULT_RETENTION);
      expect(first.rolledUp.site1m).toBe(40);
      expect(first.rolledUp.site15m).toBe(2);
      const minutes = await s.telemetry.site({ resolution: "1m" });
      expect(minutes).toHaveLength(40);
      expect(minutes[0]).toMatchObject({
        atMs: T0,
        samples: 12,
        targetPowerW: 1_000_000,
        priceJpyPerKwh: null,
      });
      expect(minutes[39]).toMatchObject({ atMs: T0 + 39 * MIN, targetPowerW: 3_000_000, priceJpyPerKwh: 10 });
      const quarters = await s.telemetry.site({ resolution: "15m" });
      expect(quarters.map((q) => [q.atMs, q.samples])).toEqual([
        [T0, 180],
        [T0 + 15 * MIN, 180],
      ]);
      // 5 minutes at 1 MW then 10 at 3 MW; the price exists only for the 3 MW part.
      expect(quarters[1]?.targetPowerW).toBeCloseTo((5 * 1e6 + 10 * 3e6) / 15, 3);
      expect(quarters[1]?.priceJpyPerKwh).toBeCloseTo(10, 9);
      expect(quarters[0]?.priceJpyPerKwh).toBeNull();
      await s.telemetry.compact(nowMs, DEFAULT_RETENTION);
      expect(await s.telemetry.site({ resolution: "1m" })).toEqual(minutes);
      expect(await s.telemetry.site({ resolution: "15m" })).toEqual(quarters);
    });

    it("rolls unit telemetry up with the share of time spent hashing", async () => {
      const s = await open();
      for (let t = 0; t < 2 * MIN; t += 10_000) {
        // Unit a hashes two samples of three; unit b always sleeps.
        await s.telemetry.appendUnits([
          unit(T0 + t, "a:4028", (t / 10_000) % 3 !== 2),
          unit(T0 + t, "b:4028", false),
        ]);
      }
      await s.telemetry.compact(T0 + 16 * MIN, DEFAULT_RETENTION);
      const a = await s.telemetry.unit("a:4028", { resolution: "1m" });
      expect(a.map((p) => p.samples)).toEqual([6, 6]);
      expect(a[0]?.hashingShare).toBeCloseTo(4 / 6, 9);
      expect(a[0]?.state).toBe("mixed");
      expect(a[0]?.coolantOutletC).toBeCloseTo(50, 9);
      const b15 = await s.telemetry.unit("b:4028", { resolution: "15m" });
      expect(b15).toHaveLength(1);
      expect(b15[0]).toMatchObject({
        atMs: T0,
        samples: 12,
        hashingShare: 0,
        powerW: 30,
        coolantOutletC: null,
      });
    });

    it("deletes each tier only after its retention and after it was rolled up", async () => {
      const s = await open();
      for (let t = 0; t < 3 * 60 * MIN; t += 30_000) {
        await s.telemetry.appendSite(site(T0 + t, 1_000_000));
        await s.telemetry.appendUnits([unit(T0 + t, "a:4028", true)]);
      }
      const nowMs = T0 + 3 * 60 * MIN;
      const r = await s.telemetry.compact(nowMs, SHORT);
      const raw = await s.telemetry.site({ resolution: "raw", limit: 100_000 });
      expect(raw[0]?.atMs).toBe(nowMs - 30 * MIN);
      expect(r.deleted.siteRaw).toBe(300);
      const minutes = await s.telemetry.site({ resolution: "1m", limit: 100_000 });
      expect(minutes[0]?.atMs).toBe(nowMs - 120 * MIN);
      expect(minutes.at(-1)?.atMs).toBe(nowMs - MIN);
      expect(await s.telemetry.site({ resolution: "15m" })).toHaveLength(12);
      expect((await s.telemetry.unit("a:4028", { resolution: "raw", limit: 100_000 }))[0]?.atMs).toBe(
        nowMs - 30 * MIN,
      );
      // Much later: the 15-minute site tier has its own retention, the unit tier is kept forever.
      const later = await s.telemetry.compact(nowMs + 31 * DAY, SHORT);
      expect(later.deleted.site15m).toBe(12);
      expect(await s.telemetry.site({ resolution: "15m" })).toEqual([]);
      expect(await s.telemetry.unit("a:4028", { resolution: "15m" })).toHaveLength(12);
      expect(() => checkRetention({ ...SHORT, site: { ...SHORT.site, rawMs: MIN } })).toThrow(/rawMs/);
      await expect(
        s.telemetry.compact(nowMs, { ...SHORT, unit: { ...SHORT.unit, quarterMs: MIN } }),
      ).rejects.toThrow(/quarterMs/);
    });

    it("keeps grid events, replacing a revised one, and lists those overlapping a range", async () => {
      const s = await open();
      const e1: GridEvent = {
        id: "dr-1",
        kind: "shed-level",
        level: 2,
        startMs: T0,
        endMs: T0 + 3600_000,
        source: "vtn",
      };
      const e2: GridEvent = {
        id: "dr-2",
        kind: "import-limit",
        limitW: 1e6,
        startMs: T0 + 7200_000,
        endMs: T0 + 9000_000,
      };
      await s.events.upsert(e1, T0 - 60_000);
      await s.events.upsert(e2, T0);
      await s.events.upsert({ ...e1, level: 3 }, T0 - 30_000);
      const all = await s.events.list();
      expect(all.map((e) => e.event.id)).toEqual(["dr-1", "dr-2"]);
      expect(all[0]).toEqual({ event: { ...e1, level: 3 }, receivedAtMs: T0 - 30_000 });
      expect((await s.events.list({ sinceMs: T0 + 3600_000 })).map((e) => e.event.id)).toEqual(["dr-2"]);
      expect((await s.events.list({ untilMs: T0 + 1 })).map((e) => e.event.id)).toEqual(["dr-1"]);
    });

    it("keeps overrides, lists the active ones and lifts one once", async () => {
      const s = await open();
      const base = { issuedAtMs: T0, expiresAtMs: T0 + 3600_000, by: "ops" };
      const shed: OperatorOverride = { ...base, id: "o-1", kind: "shed", note: "storm" };
      const off: OperatorOverride = {
        ...base,
        id: "o-2",
        kind: "unit-off",
        unitIds: ["a:4028"],
        issuedAtMs: T0 + 1,
      };
      const old: OperatorOverride = {
        ...base,
        id: "o-0",
        kind: "cap",
        maxW: 5,
        issuedAtMs: T0 - 2 * DAY,
        expiresAtMs: T0 - DAY,
      };
      for (const o of [shed, off, old]) await s.overrides.append(o);
      expect((await s.overrides.active(T0 + 10)).map((o) => o.override)).toEqual([shed, off]);
      expect(await s.overrides.lift("o-1", T0 + 20)).toBe(true);
      expect(await s.overrides.lift("o-1", T0 + 30)).toBe(false);
      expect((await s.overrides.active(T0 + 40)).map((o) => o.override.id)).toEqual(["o-2"]);
      const listed = await s.overrides.list();
      expect(listed.map((o) => [o.override.id, o.liftedAtMs])).toEqual([
        ["o-0", null],
        ["o-1", T0 + 20],
        ["o-2", null],
      ]);
      expect(await s.overrides.active(T0 + 3600_000)).toEqual([]);
      await expect(s.overrides.append(shed)).rejects.toThrow();
    });

    runStoreAuthContract(open);
    runDrPerformanceContract(open);
  });
}
